import { Args, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { toGlobalId } from '../common/ids.js';
import { EventsArgs, TenantChangedArgs } from './event.input.js';
import { ResourceEvent, type EventRecord } from './event.type.js';
import { resourceEvents, type SubscribeData } from './resource-events.js';

@Resolver(() => ResourceEvent)
export class EventResolver {
  @Subscription(() => ResourceEvent, {
    description:
      'Status changes and workflow steps of every resource the API key may see. With `after`, missed events are replayed first.',
    subscribe: ({ args, context }: SubscribeData<EventsArgs>) => context.ports.events.subscribe(context.viewer, args),
  })
  events(@Root() event: EventRecord, @Args() _args: EventsArgs): EventRecord {
    return event;
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one tenant (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  tenantChanged(@Root() event: EventRecord, @Args() _args: TenantChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => String, { description: 'Position in the event stream.' })
  cursor(@Root() event: EventRecord): string {
    return event.cursor.toString();
  }

  @FieldResolver(() => ID, { description: 'Global id of the resource.' })
  resourceId(@Root() event: EventRecord): string {
    return toGlobalId(event.resourceType, event.resourceId);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the tenant it belongs to.' })
  tenantId(@Root() event: EventRecord): string | null {
    return event.tenantId ? toGlobalId('Tenant', event.tenantId) : null;
  }
}
