import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Shard, type ShardRecord } from '../infrastructure/infrastructure.type.js';
import {
  ConvergeShardInput,
  ConvergeShardPayload,
  ShardConvergence,
  type ShardConvergenceRecord,
} from './convergence.type.js';

@Resolver(() => ShardConvergence)
export class ShardConvergenceResolver {
  @Mutation(() => ConvergeShardPayload, {
    description:
      'Rebuild a WEB, LB, DNS or EMAIL shard’s whole desired state from the database on its nodes (and, for WEB, on the cluster’s load balancers): repairs drift and wiped configs (a mail node’s maps, users, Sieve scripts and DKIM keys; never stored mail), removes orphans, one validation and one reload per node. Async: progress as events on the Shard, outcome in `Shard.lastConvergence`. Needs infrastructure:write.',
  })
  convergeShard(@Arg('input', { description: 'The shard.' }) input: ConvergeShardInput, @Ctx() ctx: Context) {
    return ctx.ports.convergence.converge(ctx.viewer, input.shardId);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when nothing failed; null while RUNNING.',
  })
  ok(@Root() run: ShardConvergenceRecord): boolean | null {
    return run.status === 'RUNNING' ? null : run.errors.length === 0;
  }
}

@Resolver(() => Shard)
export class ShardConvergenceFieldsResolver {
  @Query(() => Shard, {
    description: 'One shard by id, with its convergence state (needs infrastructure:read). NOT_FOUND when missing.',
  })
  async shard(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.infrastructure.getShard(ctx.viewer, id)) ?? Promise.reject(notFound('Shard'));
  }

  @FieldResolver(() => ShardConvergence, {
    nullable: true,
    description: 'The newest convergence run (null when it never ran).',
  })
  lastConvergence(@Root() shard: ShardRecord, @Ctx() ctx: Context) {
    return ctx.ports.convergence.lastOf(ctx.viewer, shard.id);
  }

  @FieldResolver(() => [ShardConvergence], {
    description: 'The newest convergence runs, newest first.',
  })
  convergences(
    @Root() shard: ShardRecord,
    @Ctx() ctx: Context,
    @Arg('last', () => Int, { defaultValue: 5, description: 'How many (1 to 20).' }) last: number,
  ) {
    return ctx.ports.convergence.recentOf(ctx.viewer, shard.id, last);
  }

  @FieldResolver(() => [ResourceEvent], {
    description: 'Latest convergence progress events, newest first.',
  })
  events(
    @Root() shard: ShardRecord,
    @Ctx() ctx: Context,
    @Arg('last', () => Int, { defaultValue: 20, description: 'How many (1 to 100).' }) last: number,
  ) {
    return ctx.ports.events.recentFor(ctx.viewer, 'Shard', shard.id, last);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one shard: convergence progress (needs infrastructure:read).',
    subscribe: resourceEvents,
  })
  shardChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }
}
