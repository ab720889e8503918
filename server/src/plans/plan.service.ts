import DataLoader from 'dataloader';
import {
  forbidden,
  UserErrorCode,
  type CreatePlanInput,
  type PlanMutationResult,
  type PlanRecord,
  type PlansArgs,
  type PlansPort,
  type QuotaUsage,
  type TenantRecord,
  type TenantUsageRecord,
  type UpdatePlanInput,
  type Viewer,
} from '@hostplane/schema';
import { idOrNil } from '../common/ids.js';
import { keysetPage } from '../common/keyset.js';
import { refuse } from '../common/refuse.js';
import { isUniqueViolation } from '../data-stores/insert.js';
import type { ServiceDeps } from '../services.js';
import { findVisiblePlan, visiblePlansWhere } from './plan-access.js';
import { limitsOf, planInputProblems } from './plan-input.js';
import { ALL_QUOTA_RESOURCES, countUsage, QUOTA_RESOURCES } from './usage.js';

const byName = { sortField: 'name', keyOf: (p: PlanRecord) => p.name, parseKey: (k: string) => k, direction: 'asc' };

/**
 * Plans: brand-level objects like brands themselves. Reads need plans:read and see the key's
 * brands (a tenant-bound key only its own plan); writes need plans:write and never a tenant-bound
 * key — a customer would be raising its own limits.
 */
export class PlanService implements PlansPort {
  private readonly planById = new DataLoader<string, PlanRecord | null>(async (ids) => {
    const rows = await this.deps.db.plan.findMany({ where: { id: { in: [...ids] } } });
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  });

  /** Usage of every counted resource for a page of tenants: one statement per batch. */
  private readonly usageByTenant = new DataLoader<string, Partial<Record<string, number>>>(async (ids) => {
    const usage = await countUsage(this.deps.db, ids);
    return ids.map((id) => usage.get(id) ?? {});
  });

  constructor(private readonly deps: ServiceDeps) {}

  list(viewer: Viewer, args: PlansArgs) {
    viewer.require('plans:read');
    const brandId = args.filter?.brandId;
    return keysetPage<PlanRecord>({
      args,
      where: { AND: [visiblePlansWhere(viewer), brandId ? { brandId: idOrNil('Brand', brandId) } : {}] },
      ...byName,
      direction: 'asc',
      findMany: (q) => this.deps.db.plan.findMany(q),
      count: (q) => this.deps.db.plan.count(q),
    });
  }

  async get(viewer: Viewer, id: string): Promise<PlanRecord | null> {
    viewer.require('plans:read');
    return findVisiblePlan(this.deps.db, viewer, id);
  }

  async ofTenant(viewer: Viewer, tenant: TenantRecord): Promise<PlanRecord | null> {
    viewer.require('plans:read');
    // The tenant is one the viewer may see (it resolved), and its plan is of its brand.
    return tenant.planId ? this.planById.load(tenant.planId) : null;
  }

  async usageOf(_viewer: Viewer, tenant: TenantRecord): Promise<TenantUsageRecord> {
    // Part of the tenant: whoever may read the tenant (its own key included) reads its usage.
    const [used, plan] = await Promise.all([
      this.usageByTenant.load(tenant.id),
      tenant.planId ? this.planById.load(tenant.planId) : null,
    ]);
    const entries = ALL_QUOTA_RESOURCES.map((resource): [string, QuotaUsage] => [
      resource,
      { used: used[resource] ?? 0, limit: plan?.[QUOTA_RESOURCES[resource].limit] ?? null },
    ]);
    return Object.fromEntries(entries) as unknown as TenantUsageRecord;
  }

  async create(viewer: Viewer, input: CreatePlanInput): Promise<PlanMutationResult> {
    this.requireWriter(viewer);
    const brandId = idOrNil('Brand', input.brandId);
    const brand = await this.deps.db.brand.findUnique({ where: { id: brandId } });
    if (!brand || !viewer.canAccessBrand(brand.id)) {
      return refuse('plan', 'brandId', 'Brand not found.', UserErrorCode.NOT_FOUND);
    }
    const limits = limitsOf(input);
    const problems = planInputProblems(input.name, limits);
    if (problems.length) return { plan: null, userErrors: problems };
    const name = input.name.trim();
    try {
      const plan = await this.deps.db.plan.create({ data: { brandId: brand.id, name, ...limits } });
      return { plan, userErrors: [] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return refuse('plan', 'name', `Brand ${brand.name} already has a plan named ${name}.`, UserErrorCode.TAKEN);
    }
  }

  async update(viewer: Viewer, input: UpdatePlanInput): Promise<PlanMutationResult> {
    this.requireWriter(viewer);
    const plan = await findVisiblePlan(this.deps.db, viewer, input.id);
    if (!plan) return refuse('plan', 'id', 'Plan not found.', UserErrorCode.NOT_FOUND);
    const limits = limitsOf(input);
    const problems = planInputProblems(input.name, limits);
    if (problems.length) return { plan: null, userErrors: problems };
    const name = input.name?.trim();
    try {
      const updated = await this.deps.db.plan.update({
        where: { id: plan.id },
        data: { ...limits, ...(name ? { name } : {}) },
      });
      return { plan: updated, userErrors: [] };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return refuse('plan', 'name', `The brand already has a plan named ${name}.`, UserErrorCode.TAKEN);
    }
  }

  async delete(viewer: Viewer, id: string): Promise<PlanMutationResult> {
    this.requireWriter(viewer);
    const plan = await findVisiblePlan(this.deps.db, viewer, id);
    if (!plan) return refuse('plan', 'id', 'Plan not found.', UserErrorCode.NOT_FOUND);
    // Counted and deleted in one transaction with the tenants' rows locked against a concurrent
    // createTenant/updateTenant putting a tenant on it (the foreign key would refuse it anyway).
    const inUse = await this.deps.db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM "Plan" WHERE "id" = ${plan.id}::uuid FOR UPDATE`;
      const tenants = await tx.tenant.count({ where: { planId: plan.id, status: { not: 'DELETED' } } });
      if (tenants > 0) return tenants;
      // A DELETED tenant keeps its row (and its plan reference): let go of the plan.
      await tx.tenant.updateMany({ where: { planId: plan.id }, data: { planId: null } });
      await tx.plan.delete({ where: { id: plan.id } });
      return 0;
    });
    if (inUse > 0) {
      return refuse('plan', 'id', `Plan ${plan.name} is the plan of ${inUse} tenant(s).`, UserErrorCode.IN_USE);
    }
    return { plan: null, userErrors: [] };
  }

  /** plans:write, and never a tenant-bound key (operations.ts says the same). */
  private requireWriter(viewer: Viewer): void {
    viewer.require('plans:write');
    if (viewer.tenantId !== null) throw forbidden('changing plans (tenant-bound keys never do)');
  }
}
