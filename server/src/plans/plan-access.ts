import { decodeIdOf, UserErrorCode, type UserError, type Viewer } from '@hostplane/schema';
import { refusal } from '../common/refuse.js';
import type { Db } from '../db/index.js';

/** The part of a plans `where` limiting rows to the viewer's: its brands; a tenant-bound key, its own plan. */
export function visiblePlansWhere(viewer: Viewer): Record<string, unknown> {
  const brands = viewer.brandFilter();
  return {
    ...(brands ? { brandId: { in: brands } } : {}),
    ...(viewer.tenantId ? { tenants: { some: { id: viewer.tenantId } } } : {}),
  };
}

/** A plan by global id, if the viewer may see it (else null: never reveal it exists). */
export async function findVisiblePlan(db: Db, viewer: Viewer, globalId: string) {
  const id = decodeIdOf('Plan', globalId);
  return id ? db.plan.findFirst({ where: { id, ...visiblePlansWhere(viewer) } }) : null;
}

/**
 * The plan a tenant of `brandId` is put on by `createTenant`/`updateTenant`: none for an empty
 * id; one of another brand is refused (NOT_FOUND when the key cannot see it, INVALID when it can).
 */
export async function resolveTenantPlan(
  db: Db,
  viewer: Viewer,
  brandId: string,
  planGlobalId: string | null | undefined,
): Promise<{ planId: string | null } | { userErrors: UserError[] }> {
  if (!planGlobalId) return { planId: null };
  const id = decodeIdOf('Plan', planGlobalId);
  const plan = id ? await db.plan.findUnique({ where: { id } }) : null;
  if (!plan || !viewer.canAccessBrand(plan.brandId)) {
    return refusal('planId', 'Plan not found.', UserErrorCode.NOT_FOUND);
  }
  if (plan.brandId !== brandId) return refusal('planId', `Plan ${plan.name} belongs to another brand.`);
  return { planId: plan.id };
}
