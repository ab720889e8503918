import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import { CreateEgressRuleInput, EgressRuleIdInput, EgressRulePayload } from './egress-rule.input.js';
import { EgressRule, EgressRuleConnection, type EgressRuleRecord } from './egress-rule.type.js';

@Resolver(() => EgressRule)
export class EgressRuleResolver {
  @Query(() => EgressRule, { description: 'One egress rule by id. NOT_FOUND when missing or not visible.' })
  async egressRule(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.egressRules.get(ctx.viewer, id)) ?? Promise.reject(notFound('EgressRule'));
  }

  @Mutation(() => EgressRulePayload, {
    description:
      'Allow a tenant’s processes an outbound destination (async: returns it PENDING). The first rule turns the tenant’s outbound traffic into an allowlist.',
  })
  createEgressRule(@Arg('input', { description: 'The new rule.' }) input: CreateEgressRuleInput, @Ctx() ctx: Context) {
    return ctx.ports.egressRules.create(ctx.viewer, input);
  }

  @Mutation(() => EgressRulePayload, {
    description:
      'Remove an egress rule on every node (async). Removing the last one leaves the tenant unrestricted again.',
  })
  deleteEgressRule(@Arg('input', { description: 'The rule.' }) input: EgressRuleIdInput, @Ctx() ctx: Context) {
    return ctx.ports.egressRules.delete(ctx.viewer, input.id);
  }

  @Mutation(() => EgressRulePayload, { description: 'Run the last failed operation of a FAILED egress rule again.' })
  retryEgressRule(@Arg('input', { description: 'The rule.' }) input: EgressRuleIdInput, @Ctx() ctx: Context) {
    return ctx.ports.egressRules.retry(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one egress rule (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  egressRuleChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() rule: EgressRuleRecord): string {
    return toGlobalId('EgressRule', rule.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() rule: EgressRuleRecord, @Ctx() ctx: Context) {
    return ctx.ports.egressRules.loadTenant(ctx.viewer, rule.tenantId);
  }
}

@Resolver(() => Tenant)
export class TenantEgressRulesResolver {
  @FieldResolver(() => EgressRuleConnection, {
    description:
      'The tenant’s outbound allowlist (rules not DELETED), oldest first; empty = unrestricted. Needs egress_rules:read.',
  })
  egressRules(@Root() tenant: TenantRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.egressRules.ofTenant(ctx.viewer, tenant.id, args);
  }
}
