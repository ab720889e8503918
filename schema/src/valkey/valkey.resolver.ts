import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { DataStoreEndpoint } from '../common/endpoint.type.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Shard } from '../infrastructure/infrastructure.type.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import {
  CreateValkeyInstanceInput,
  MigrateValkeyInstanceInput,
  UpdateValkeyInstanceInput,
  ValkeyInstanceIdInput,
  ValkeyInstancePayload,
  ValkeyInstancesArgs,
} from './valkey.input.js';
import { ValkeyInstance, ValkeyInstanceConnection, ValkeyUser, type ValkeyInstanceRecord } from './valkey.type.js';

@Resolver(() => ValkeyInstance)
export class ValkeyInstanceResolver {
  @Query(() => ValkeyInstanceConnection, { description: 'Valkey instances the API key may see (needs valkey:read).' })
  valkeyInstances(@Args() args: ValkeyInstancesArgs, @Ctx() ctx: Context) {
    return ctx.ports.valkey.list(ctx.viewer, args);
  }

  @Query(() => ValkeyInstance, { description: 'One Valkey instance by id. NOT_FOUND when missing or not visible.' })
  async valkeyInstance(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.valkey.get(ctx.viewer, id)) ?? Promise.reject(notFound('ValkeyInstance'));
  }

  @Mutation(() => ValkeyInstancePayload, { description: 'Create a Valkey instance (async: returns it PENDING).' })
  createValkeyInstance(
    @Arg('input', { description: 'The new instance.' }) input: CreateValkeyInstanceInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.create(ctx.viewer, input);
  }

  @Mutation(() => ValkeyInstancePayload, {
    description: 'Change an instance’s memory limit or eviction policy (async, live).',
  })
  updateValkeyInstance(
    @Arg('input', { description: 'What to change.' }) input: UpdateValkeyInstanceInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.update(ctx.viewer, input);
  }

  @Mutation(() => ValkeyInstancePayload, { description: 'Stop an instance and delete its data on every node (async).' })
  deleteValkeyInstance(
    @Arg('input', { description: 'The instance.' }) input: ValkeyInstanceIdInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.delete(ctx.viewer, input.id);
  }

  @Mutation(() => ValkeyInstancePayload, { description: 'Run the last failed operation of a FAILED instance again.' })
  retryValkeyInstance(
    @Arg('input', { description: 'The instance.' }) input: ValkeyInstanceIdInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.retry(ctx.viewer, input.id);
  }

  @Mutation(() => ValkeyInstancePayload, {
    description:
      'Move an ACTIVE instance to another VALKEY shard (async); the source serves until the target has the data.',
  })
  migrateValkeyInstance(
    @Arg('input', { description: 'Instance and target shard.' }) input: MigrateValkeyInstanceInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.migrate(ctx.viewer, input);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one Valkey instance (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  valkeyInstanceChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() instance: ValkeyInstanceRecord): string {
    return toGlobalId('ValkeyInstance', instance.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() instance: ValkeyInstanceRecord, @Ctx() ctx: Context) {
    return ctx.ports.valkey.loadTenant(ctx.viewer, instance.tenantId);
  }

  @FieldResolver(() => Shard, {
    nullable: true,
    description: 'The VALKEY shard it lives on (needs infrastructure:read).',
  })
  shard(@Root() instance: ValkeyInstanceRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.loadShard(ctx.viewer, instance.shardId);
  }

  @FieldResolver(() => DataStoreEndpoint, {
    nullable: true,
    description:
      'Where its users connect: the address of the node serving it (the first of its shard) and its port. Changes when a migration completes; null while its shard has no node.',
  })
  endpoint(@Root() instance: ValkeyInstanceRecord, @Ctx() ctx: Context) {
    return ctx.ports.valkey.endpointOf(ctx.viewer, instance);
  }

  @FieldResolver(() => [ValkeyUser], { description: 'Its ACL users (not DELETED), oldest first.' })
  users(@Root() instance: ValkeyInstanceRecord, @Ctx() ctx: Context) {
    return ctx.ports.valkey.usersOf(ctx.viewer, instance.id);
  }
}

@Resolver(() => Tenant)
export class TenantValkeyResolver {
  @FieldResolver(() => [ValkeyInstance], {
    description: 'The tenant’s Valkey instances (not DELETED), oldest first; needs valkey:read.',
  })
  valkeyInstances(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.valkey.ofTenant(ctx.viewer, tenant.id);
  }
}
