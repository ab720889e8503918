import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant } from '../tenants/tenant.type.js';
import { Webroot, type WebrootRecord } from '../webroots/webroot.type.js';
import { CreateDaemonInput, DaemonIdInput, DaemonPayload, UpdateDaemonInput } from './daemon.input.js';
import { Daemon, DaemonConnection, DaemonLogTail, type DaemonRecord } from './daemon.type.js';

@Resolver(() => Daemon)
export class DaemonResolver {
  @Query(() => Daemon, { description: 'One daemon by id. NOT_FOUND when missing or not visible.' })
  async daemon(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.daemons.get(ctx.viewer, id)) ?? Promise.reject(notFound('Daemon'));
  }

  @Mutation(() => DaemonPayload, {
    description:
      'Add a daemon to a webroot (async: returns it PENDING; ACTIVE once it runs on every node of its web shard). A bad name, command, process count or proxy path is a userError at its field, and nothing is written.',
  })
  createDaemon(@Arg('input', { description: 'The new daemon.' }) input: CreateDaemonInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.create(ctx.viewer, input);
  }

  @Mutation(() => DaemonPayload, {
    description: 'Change a daemon (async: restarted with its new settings on every node).',
  })
  updateDaemon(@Arg('input', { description: 'The changes.' }) input: UpdateDaemonInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.update(ctx.viewer, input);
  }

  @Mutation(() => DaemonPayload, { description: 'Start a disabled daemon again on every node (async).' })
  enableDaemon(@Arg('input', { description: 'The daemon.' }) input: DaemonIdInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.setEnabled(ctx.viewer, input.id, true);
  }

  @Mutation(() => DaemonPayload, { description: 'Stop a daemon on every node and keep it stopped (async).' })
  disableDaemon(@Arg('input', { description: 'The daemon.' }) input: DaemonIdInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.setEnabled(ctx.viewer, input.id, false);
  }

  @Mutation(() => DaemonPayload, { description: 'Stop a daemon and remove it from every node (async).' })
  deleteDaemon(@Arg('input', { description: 'The daemon.' }) input: DaemonIdInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.delete(ctx.viewer, input.id);
  }

  @Mutation(() => DaemonPayload, { description: 'Run the last failed operation of a FAILED daemon again.' })
  retryDaemon(@Arg('input', { description: 'The daemon.' }) input: DaemonIdInput, @Ctx() ctx: Context) {
    return ctx.ports.daemons.retry(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one daemon (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  daemonChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() daemon: DaemonRecord): string {
    return toGlobalId('Daemon', daemon.id);
  }

  @FieldResolver(() => Webroot, { nullable: true, description: 'The webroot it runs in.' })
  webroot(@Root() daemon: DaemonRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.load(ctx.viewer, daemon.webrootId);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() daemon: DaemonRecord, @Ctx() ctx: Context) {
    return ctx.ports.daemons.loadTenant(ctx.viewer, daemon.tenantId);
  }

  @FieldResolver(() => [DaemonLogTail], {
    description:
      'The last lines each of its processes wrote (stdout and stderr), per node of its shard, read from the nodes when asked. Needs daemons:read.',
  })
  logTail(
    @Root() daemon: DaemonRecord,
    @Arg('lines', () => Int, { defaultValue: 100, description: 'Lines per process, 1–500.' }) lines: number,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.daemons.logTail(ctx.viewer, daemon, lines);
  }
}

@Resolver(() => Webroot)
export class WebrootDaemonsResolver {
  @FieldResolver(() => DaemonConnection, {
    description: 'The webroot’s daemons (not DELETED), oldest first. Needs daemons:read.',
  })
  daemons(@Root() webroot: WebrootRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.daemons.ofWebroot(ctx.viewer, webroot, args);
  }
}
