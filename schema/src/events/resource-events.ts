import type { Context } from '../common/context.js';
import type { ResourceChangedArgs } from './resource-changed.args.js';

/** What type-graphql hands a subscription's `subscribe`. */
export interface SubscribeData<A> {
  args: A;
  context: Context;
}

/**
 * `subscribe` of a per-resource convenience (`webrootChanged(id, after)`, …): the event spine
 * filtered to one resource, replayed after `after` first, each event checked against the key.
 */
export const resourceEvents = ({ args, context }: SubscribeData<ResourceChangedArgs>) =>
  context.ports.events.subscribe(context.viewer, { after: args.after ?? null, filter: { resourceIds: [args.id] } });
