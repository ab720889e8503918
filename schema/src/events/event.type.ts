import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ResourceStatus } from '../common/status.js';

export enum EventKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  STATUS = 'STATUS',
  STEP = 'STEP',
  DELETED = 'DELETED',
}
registerEnumType(EventKind, { name: 'EventKind', description: 'What an event records.' });

/** A row of the events table, as the events port hands it out. */
export interface EventRecord {
  cursor: bigint;
  at: Date;
  brandId: string | null;
  tenantId: string | null;
  resourceType: string;
  resourceId: string;
  kind: EventKind;
  status: ResourceStatus | null;
  step: string | null;
  stepState: string | null;
  message: string | null;
}

@ObjectType({
  description:
    'A status change or workflow step of a resource. Cursors increase monotonically: resubscribe with `after` to miss nothing.',
})
export class ResourceEvent {
  @Field({ description: 'Position in the event stream; pass as `after` when reconnecting.' })
  cursor!: string;

  @Field({ description: 'When it was committed.' })
  at!: Date;

  @Field({ description: 'GraphQL type of the resource, e.g. `Tenant`.' })
  resourceType!: string;

  @Field(() => ID, { description: 'Global id of the resource.' })
  resourceId!: string;

  @Field(() => ID, { nullable: true, description: 'Global id of the tenant it belongs to.' })
  tenantId!: string | null;

  @Field(() => EventKind, { description: 'What happened.' })
  kind!: EventKind;

  @Field(() => ResourceStatus, { nullable: true, description: 'New status (STATUS events).' })
  status!: ResourceStatus | null;

  @Field(() => String, { nullable: true, description: 'Workflow step, e.g. `linux user created` (STEP events).' })
  step!: string | null;

  @Field(() => String, { nullable: true, description: 'STARTED, SUCCEEDED or FAILED (STEP events).' })
  stepState!: string | null;

  @Field(() => String, { nullable: true, description: 'Detail: failure reason, node, …' })
  message!: string | null;
}
