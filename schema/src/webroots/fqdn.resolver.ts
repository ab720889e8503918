import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { BindFqdnInput, Fqdn, FqdnIdInput, FqdnPayload, type FqdnRecord } from './fqdn.type.js';
import { Webroot } from './webroot.type.js';

@Resolver(() => Fqdn)
export class FqdnResolver {
  @Query(() => Fqdn, {
    description: 'One FQDN by id (needs webroots:read). NOT_FOUND when missing or not visible.',
  })
  async fqdn(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.fqdns.get(ctx.viewer, id)) ?? Promise.reject(notFound('Fqdn'));
  }

  @Mutation(() => FqdnPayload, {
    description:
      'Bind a host name to a webroot: nginx on every node of its shard serves it and the load balancer routes it (async: watch `fqdnChanged`).',
  })
  bindFqdn(@Arg('input', { description: 'Webroot and host name.' }) input: BindFqdnInput, @Ctx() ctx: Context) {
    return ctx.ports.fqdns.bind(ctx.viewer, input);
  }

  @Mutation(() => FqdnPayload, {
    description: 'Unbind a host name: the load balancer stops routing it, nginx stops serving it (async).',
  })
  unbindFqdn(@Arg('input', { description: 'The FQDN.' }) input: FqdnIdInput, @Ctx() ctx: Context) {
    return ctx.ports.fqdns.unbind(ctx.viewer, input.id);
  }

  @Mutation(() => FqdnPayload, {
    description: 'Run the last failed operation of a FAILED FQDN again.',
  })
  retryFqdn(@Arg('input', { description: 'The FQDN.' }) input: FqdnIdInput, @Ctx() ctx: Context) {
    return ctx.ports.fqdns.retry(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one FQDN (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  fqdnChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() fqdn: FqdnRecord): string {
    return toGlobalId('Fqdn', fqdn.id);
  }

  @FieldResolver(() => Webroot, { nullable: true, description: 'The webroot it is bound to.' })
  webroot(@Root() fqdn: FqdnRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.load(ctx.viewer, fqdn.webrootId);
  }
}
