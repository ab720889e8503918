import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { ResourceStatus } from '../common/status.js';
import { EventKind, ResourceEvent, type EventRecord } from '../events/event.type.js';
import {
  AsyncResource,
  ResourceOperation,
  ResourcePermissions,
  type AsyncResourceRecord,
  type ResourceOperationRecord,
} from './async-resource.type.js';

/** How far back `lastOperation` looks for the event that started it. */
const OPERATION_WINDOW = 100;

/** The concrete type a field of the interface is being resolved for (`Tenant`, `Webroot`, …). */
const typeOf = (info: GraphQLResolveInfo) => info.parentType.name;

/** Did this event start an operation? A create inserts (CREATED); every other operation's guarded move writes PENDING or DELETING. */
function startsOperation(event: EventRecord): boolean {
  if (event.kind === EventKind.CREATED) return true;
  return (
    event.kind === EventKind.STATUS &&
    (event.status === ResourceStatus.PENDING || event.status === ResourceStatus.DELETING)
  );
}

/** `newestFirst` cut at the newest event that started an operation, oldest first. */
export function eventsOfLastOperation(newestFirst: readonly EventRecord[]): EventRecord[] {
  const start = newestFirst.findIndex(startsOperation);
  return newestFirst.slice(0, start === -1 ? newestFirst.length : start + 1).reverse();
}

/** The fields every async resource shares, resolved once here for all of them. */
@Resolver(() => AsyncResource)
export class AsyncResourceResolver {
  @FieldResolver(() => [ResourceEvent], { description: 'Latest status changes and workflow steps, newest first.' })
  events(
    @Root() resource: AsyncResourceRecord,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
    @Arg('last', () => Int, { defaultValue: 20, description: 'How many (1 to 100).' }) last: number,
  ) {
    return ctx.ports.events.recentFor(ctx.viewer, typeOf(info), resource.id, last);
  }

  @FieldResolver(() => ResourceOperation, { description: 'The operation it last started and its progress.' })
  async lastOperation(
    @Root() resource: AsyncResourceRecord,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ResourceOperationRecord> {
    const recent = await ctx.ports.events.recentFor(ctx.viewer, typeOf(info), resource.id, OPERATION_WINDOW);
    const events = eventsOfLastOperation(recent) as unknown as ResourceEvent[];
    // Every table's lastOperation defaults to CREATE; a record read without the column is a create.
    return { name: resource.lastOperation ?? 'CREATE', events, steps: events.filter((e) => e.kind === EventKind.STEP) };
  }

  @FieldResolver(() => ResourcePermissions, {
    description: 'What the calling key may do to it (computed by the API: clients need not know the scope rules).',
  })
  viewerCan(@Root() resource: AsyncResourceRecord, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo) {
    // A tenant record is its own tenant; every other one carries its tenant's id.
    const owner = { brandId: resource.brandId, tenantId: resource.tenantId ?? resource.id };
    return ctx.viewer.permissionsOn(typeOf(info), owner);
  }
}
