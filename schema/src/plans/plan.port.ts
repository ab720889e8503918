import type { ConnectionResult } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { CreatePlanInput, PlansArgs, UpdatePlanInput } from './plan.input.js';
import type { PlanRecord, TenantUsageRecord } from './plan.type.js';

export interface PlanMutationResult {
  plan: PlanRecord | null;
  userErrors: UserError[];
}

/** Implemented by `server`; every method authorizes against the viewer. */
export interface PlansPort {
  list(viewer: Viewer, args: PlansArgs): Promise<ConnectionResult<PlanRecord>>;
  /** null when missing or not visible (another brand's, or not a tenant-bound key's own plan). */
  get(viewer: Viewer, id: string): Promise<PlanRecord | null>;
  /** `Tenant.plan`: the tenant's plan (null when it has none); needs plans:read. */
  ofTenant(viewer: Viewer, tenant: TenantRecord): Promise<PlanRecord | null>;
  /** `Tenant.usage`: counted resources against the plan's limits; readable with the tenant. */
  usageOf(viewer: Viewer, tenant: TenantRecord): Promise<TenantUsageRecord>;
  create(viewer: Viewer, input: CreatePlanInput): Promise<PlanMutationResult>;
  update(viewer: Viewer, input: UpdatePlanInput): Promise<PlanMutationResult>;
  delete(viewer: Viewer, id: string): Promise<PlanMutationResult>;
}
