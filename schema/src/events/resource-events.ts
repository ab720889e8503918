import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import type { ResourceChangedArgs } from './resource-changed.args.js';

/** What type-graphql hands a subscription's `subscribe`. */
export interface SubscribeData<A> {
  args: A;
  context: Context;
}

/**
 * `subscribe` of a per-resource convenience (`webrootChanged(id, after)`, …): the event spine
 * filtered to one resource, replayed after `after` first, each event checked against the key.
 * Refused up front as a read of the resource would be (NOT_FOUND outside the key's brands or
 * tenant, FORBIDDEN without the scope), rather than left open and silent.
 */
export async function resourceEvents({ args, context }: SubscribeData<ResourceChangedArgs>) {
  if (!(await context.ports.platform.node(context.viewer, args.id))) throw notFound('Object');
  return context.ports.events.subscribe(context.viewer, {
    after: args.after ?? null,
    filter: { resourceIds: [args.id] },
  });
}
