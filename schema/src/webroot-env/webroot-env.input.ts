import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A variable to set: its name and value.' })
export class EnvEntryInput {
  @Field({ description: 'Name: a letter or _, then letters, digits or _ (at most 128); platform names are reserved.' })
  name!: string;

  @Field({
    description:
      'Value (at most 16 KiB; no line breaks or control characters, not both quote kinds, no space followed by ; or #).',
  })
  value!: string;
}

@InputType({ description: 'Variables and secrets to set on a webroot, and names to remove, in one rollout.' })
export class SetWebrootEnvInput {
  @Field(() => ID, { description: 'The webroot.' })
  webrootId!: string;

  @Field(() => [EnvEntryInput], {
    nullable: true,
    description: 'Plain variables to add or replace (their values are readable through the API).',
  })
  variables?: EnvEntryInput[] | null;

  @Field(() => [EnvEntryInput], {
    nullable: true,
    description: 'Secrets to add or replace: stored encrypted, never returned (write-only).',
  })
  secrets?: EnvEntryInput[] | null;

  @Field(() => [String], { nullable: true, description: 'Names of variables or secrets to remove.' })
  remove?: string[] | null;
}

@InputType({ description: 'One variable or secret of a webroot to remove.' })
export class DeleteWebrootEnvVarInput {
  @Field(() => ID, { description: 'The webroot.' })
  webrootId!: string;

  @Field({ description: 'The variable’s name.' })
  name!: string;
}
