import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { Brand } from '../brands/brand.type.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import { CreatePlanInput, PlanIdInput, PlanPayload, PlansArgs, UpdatePlanInput } from './plan.input.js';
import { Plan, PlanConnection, TenantUsage, type PlanRecord } from './plan.type.js';

@Resolver(() => Plan)
export class PlanResolver {
  @Query(() => PlanConnection, {
    description: 'Plans of the brands the API key may see, by name (a tenant-bound key sees only its own plan).',
  })
  plans(@Args() args: PlansArgs, @Ctx() ctx: Context) {
    return ctx.ports.plans.list(ctx.viewer, args);
  }

  @Query(() => Plan, { description: 'One plan by id. NOT_FOUND when missing or not visible.' })
  async plan(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.plans.get(ctx.viewer, id)) ?? Promise.reject(notFound('Plan'));
  }

  @Mutation(() => PlanPayload, { description: 'Create a plan for a brand (never with a tenant-bound key).' })
  createPlan(@Arg('input', { description: 'The new plan.' }) input: CreatePlanInput, @Ctx() ctx: Context) {
    return ctx.ports.plans.create(ctx.viewer, input);
  }

  @Mutation(() => PlanPayload, {
    description:
      'Change a plan’s name or limits. Lowering a limit below what a tenant uses refuses its next creates only.',
  })
  updatePlan(@Arg('input', { description: 'What to change.' }) input: UpdatePlanInput, @Ctx() ctx: Context) {
    return ctx.ports.plans.update(ctx.viewer, input);
  }

  @Mutation(() => PlanPayload, { description: 'Delete a plan no tenant is on (IN_USE otherwise).' })
  deletePlan(@Arg('input', { description: 'The plan.' }) input: PlanIdInput, @Ctx() ctx: Context) {
    return ctx.ports.plans.delete(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() plan: PlanRecord): string {
    return toGlobalId('Plan', plan.id);
  }

  @FieldResolver(() => Brand, { description: 'The brand whose tenants it is for.' })
  brand(@Root() plan: PlanRecord, @Ctx() ctx: Context) {
    return ctx.ports.brands.load(ctx.viewer, plan.brandId);
  }
}

@Resolver(() => Tenant)
export class TenantPlanResolver {
  @FieldResolver(() => Plan, {
    nullable: true,
    description: 'The plan limiting what it may create (null: none, no limits); needs plans:read.',
  })
  plan(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.plans.ofTenant(ctx.viewer, tenant);
  }

  @FieldResolver(() => TenantUsage, {
    description: 'What it uses of each counted resource against its plan’s limits (readable with the tenant).',
  })
  usage(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.plans.usageOf(ctx.viewer, tenant);
  }
}
