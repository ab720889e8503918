import DataLoader from 'dataloader';
import type { TenantRecord, Viewer } from '@hostplane/schema';
import { idOrNil } from '../common/ids.js';
import { tenantRecord } from '../common/records.js';
import type { Db } from '../db/index.js';
import { canSeeTenant, visibleTenantsWhere } from '../tenants/tenant-access.js';

/** Prisma `include` that brings the owning brand along (what authorization and audit need). */
export const withBrand = { tenant: { select: { brandId: true } } } as const;

/** Rows of tenant-owned tables (databases, Valkey instances) the viewer may see. */
export const visibleOwnedWhere = (viewer: Viewer) => ({ tenant: visibleTenantsWhere(viewer) });

/**
 * Same check for one record already loaded. A brand's own record (`tenantId` null: a brand's DNS
 * zone) is its brand keys' only, never a tenant-bound key's.
 */
export function canSeeOwned(viewer: Viewer, record: { brandId: string; tenantId: string | null }): boolean {
  return viewer.canAccessBrand(record.brandId) && (!viewer.tenantId || viewer.tenantId === record.tenantId);
}

/** A row with its owner's brand flattened into `brandId`. */
export function flattenBrand<R>(row: object & { tenant: { brandId: string } }): R {
  const { tenant, ...rest } = row;
  return { ...rest, brandId: tenant.brandId } as R;
}

/** Rows grouped by key, in the order DataLoader asked for the keys. */
export function grouped<R>(keys: readonly string[], rows: R[], keyOf: (r: R) => string): R[][] {
  const map = new Map<string, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

/** Lists show everything but DELETED unless a status filter says otherwise. */
export const LIVE = { status: { not: 'DELETED' as const } };

/** The `where` of a databases or Valkey instances list: visibility, then the caller's filter. */
export function listWhere(
  viewer: Viewer,
  filter: { status?: string[] | null; tenantId?: string | null; brandId?: string | null; search?: string | null },
) {
  const search = filter.search?.trim();
  return {
    AND: [
      visibleOwnedWhere(viewer),
      filter.status?.length ? { status: { in: filter.status } } : LIVE,
      filter.tenantId ? { tenantId: idOrNil('Tenant', filter.tenantId) } : {},
      filter.brandId ? { tenant: { brandId: idOrNil('Brand', filter.brandId) } } : {},
      search ? { name: { contains: search, mode: 'insensitive' as const } } : {},
    ],
  };
}

/** Owning tenants of nested records, batched per request; `tenants:read` and visibility checked. */
export class TenantLoader {
  private readonly loader: DataLoader<string, TenantRecord | null>;

  constructor(db: Db) {
    this.loader = new DataLoader(async (ids) => {
      const rows = await db.tenant.findMany({ where: { id: { in: [...ids] } } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null).map((r) => (r ? tenantRecord(r) : null));
    });
  }

  async load(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    viewer.require('tenants:read');
    const tenant = await this.loader.load(tenantId);
    return tenant && canSeeTenant(viewer, tenant) ? tenant : null;
  }
}
