import { decodeIdOf, type Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';

/** The part of a tenants `where` that limits rows to what the viewer may see. */
export function visibleTenantsWhere(viewer: Viewer): Record<string, unknown> {
  const brands = viewer.brandFilter();
  return {
    ...(brands ? { brandId: { in: brands } } : {}),
    ...(viewer.tenantId ? { id: viewer.tenantId } : {}),
  };
}

export function canSeeTenant(viewer: Viewer, tenant: { id: string; brandId: string }): boolean {
  return viewer.canAccessBrand(tenant.brandId) && (!viewer.tenantId || viewer.tenantId === tenant.id);
}

/** Finds a tenant by global id only if the viewer may see it (else null: never reveal it exists). */
export async function findVisibleTenant(db: Db, viewer: Viewer, globalId: string) {
  const id = decodeIdOf('Tenant', globalId);
  if (!id) return null;
  const tenant = await db.tenant.findUnique({ where: { id } });
  return tenant && canSeeTenant(viewer, tenant) ? tenant : null;
}
