import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { EventKind } from './event.type.js';

@InputType({ description: 'Which events to receive; all fields are optional and combine with AND.' })
export class EventFilter {
  @Field(() => [String], { nullable: true, description: 'Only these resource types, e.g. ["Tenant"].' })
  resourceTypes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Only these resources (global ids).' })
  resourceIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only resources of this tenant (global id).' })
  tenantId?: string | null;

  @Field(() => [EventKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: EventKind[] | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Replay every visible event after this cursor first, then follow live. Omitted = live only.',
  })
  after?: string | null;

  @Field(() => EventFilter, { nullable: true, description: 'Filter.' })
  filter?: EventFilter | null;
}

@ArgsType()
export class TenantChangedArgs {
  @Field(() => ID, { description: 'The tenant (global id).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Replay after this cursor first.' })
  after?: string | null;
}
