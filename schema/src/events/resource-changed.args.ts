import { ArgsType, Field, ID } from 'type-graphql';

/** Arguments of the per-resource conveniences (`databaseChanged`, `valkeyInstanceChanged`, …). */
@ArgsType()
export class ResourceChangedArgs {
  @Field(() => ID, { description: 'The resource (global id).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Replay after this cursor first.' })
  after?: string | null;
}
