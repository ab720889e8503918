import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { Brand } from '../brands/brand.type.js';
import { Shard } from '../infrastructure/infrastructure.type.js';
import {
  CreateTenantInput,
  SuspendTenantInput,
  TenantIdInput,
  TenantPayload,
  TenantsArgs,
  UpdateTenantInput,
} from './tenant.input.js';
import { Tenant, TenantConnection, type TenantRecord } from './tenant.type.js';

@Resolver(() => Tenant)
export class TenantResolver {
  @Query(() => TenantConnection, { description: 'Tenants the API key may see (DELETED ones only when filtered for).' })
  tenants(@Args() args: TenantsArgs, @Ctx() ctx: Context) {
    return ctx.ports.tenants.list(ctx.viewer, args);
  }

  @Query(() => Tenant, { description: 'One tenant by id. NOT_FOUND when missing or not visible.' })
  async tenant(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.tenants.get(ctx.viewer, id)) ?? Promise.reject(notFound('Tenant'));
  }

  @Mutation(() => TenantPayload, { description: 'Create a tenant (async: returns it PENDING; watch `tenantChanged`).' })
  createTenant(@Arg('input', { description: 'The new tenant.' }) input: CreateTenantInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.create(ctx.viewer, input);
  }

  @Mutation(() => TenantPayload, { description: 'Change a tenant’s label.' })
  updateTenant(@Arg('input', { description: 'What to change.' }) input: UpdateTenantInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.update(ctx.viewer, input);
  }

  @Mutation(() => TenantPayload, {
    description: 'Suspend an ACTIVE tenant: its account is locked on every node (async).',
  })
  suspendTenant(@Arg('input', { description: 'Tenant and reason.' }) input: SuspendTenantInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.suspend(ctx.viewer, input);
  }

  @Mutation(() => TenantPayload, { description: 'Lift a suspension (async).' })
  unsuspendTenant(@Arg('input', { description: 'The tenant.' }) input: TenantIdInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.unsuspend(ctx.viewer, input.id);
  }

  @Mutation(() => TenantPayload, { description: 'Delete a tenant and its Linux user on every node (async).' })
  deleteTenant(@Arg('input', { description: 'The tenant.' }) input: TenantIdInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.delete(ctx.viewer, input.id);
  }

  @Mutation(() => TenantPayload, { description: 'Run the last failed operation of a FAILED tenant again.' })
  retryTenant(@Arg('input', { description: 'The tenant.' }) input: TenantIdInput, @Ctx() ctx: Context) {
    return ctx.ports.tenants.retry(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() tenant: TenantRecord): string {
    return toGlobalId('Tenant', tenant.id);
  }

  @FieldResolver(() => Brand, { description: 'The brand the tenant belongs to.' })
  brand(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.brands.load(ctx.viewer, tenant.brandId);
  }

  @FieldResolver(() => Shard, {
    nullable: true,
    description: 'The web shard the tenant lives on (null with a FORBIDDEN error without infrastructure:read).',
  })
  shard(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.loadShard(ctx.viewer, tenant.shardId);
  }
}
