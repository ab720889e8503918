import type { TypedRecord, Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { visibleTenantsWhere } from '../tenants/tenant-access.js';
import { searchDataStores } from '../data-stores/search.js';
import { searchWebHosting } from '../webroots/search.js';

const typed = <T extends object>(type: string, rows: T[]): TypedRecord[] =>
  rows.map((r) => ({ __typename: type, ...r }));

/**
 * Substring search over every type the key may read, each query already brand-filtered, so a
 * result never names an object the viewer could not fetch with `node(id:)`.
 */
export async function searchResources(db: Db, viewer: Viewer, query: string, first: number): Promise<TypedRecord[]> {
  const contains = { contains: query, mode: 'insensitive' as const };
  const brands = viewer.brandFilter();
  const infra = viewer.can('infrastructure:read');
  const [tenants, brandRows, shards, nodes, dataStores, webHosting] = await Promise.all([
    viewer.can('tenants:read')
      ? db.tenant.findMany({
          where: {
            AND: [
              visibleTenantsWhere(viewer),
              { status: { not: 'DELETED' } },
              { OR: [{ name: contains }, { displayName: contains }] },
            ],
          },
          take: first,
          orderBy: { name: 'asc' },
        })
      : [],
    viewer.tenantId
      ? []
      : db.brand.findMany({
          where: { name: contains, ...(brands ? { id: { in: brands } } : {}) },
          take: first,
          orderBy: { name: 'asc' },
        }),
    infra ? db.shard.findMany({ where: { name: contains }, take: first, orderBy: { name: 'asc' } }) : [],
    infra ? db.node.findMany({ where: { hostname: contains }, take: first, orderBy: { hostname: 'asc' } }) : [],
    searchDataStores(db, viewer, query, first),
    searchWebHosting(db, viewer, query, first),
  ]);
  return [
    ...typed('Tenant', tenants),
    ...typed('Brand', brandRows),
    ...typed('Shard', shards),
    ...typed('ServerNode', nodes),
    ...dataStores,
    ...webHosting,
  ].slice(0, first);
}
