import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { ApiKey } from './api-key.type.js';

@InputType({
  description:
    'Create an API key. It can hold no scope, brand or tenant beyond the creating key’s own (no privilege escalation).',
})
export class CreateApiKeyInput {
  @Field({ description: 'Label (1 to 100 characters).' })
  name!: string;

  @Field(() => [String], { description: 'Scopes, e.g. ["tenants:read", "tenants:write"] or ["*"].' })
  scopes!: string[];

  @Field(() => [String], { description: 'Brand global ids, or ["*"] for every brand.' })
  brandIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Bind the key to one tenant (the tenant panel’s login).' })
  tenantId?: string | null;
}

@InputType({ description: 'Revoke an API key.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  id!: string;
}

@ObjectType({ description: 'Result of createApiKey.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key’s metadata.' })
  apiKey!: ApiKey | null;

  @Field(() => String, { nullable: true, description: 'The full key. Shown only this once: store it now.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of revokeApiKey.' })
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key.' })
  apiKey!: ApiKey | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
