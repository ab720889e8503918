import type { TypedRecord, Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { databaseRecord, databaseUserRecord, withDatabaseBrand, withoutHash } from '../databases/database-records.js';
import { valkeyInstanceRecord, valkeyUserRecord, withInstanceBrand } from '../valkey/valkey-records.js';
import { LIVE, visibleOwnedWhere, withBrand } from './ownership.js';

const typed = (type: string, rows: object[]): TypedRecord[] => rows.map((r) => ({ __typename: type, ...r }));

/**
 * The search hits among databases, database users, Valkey instances and Valkey users: only with
 * the read scope of each, only the viewer's brands and tenant (what `node(id:)` would return).
 */
export async function searchDataStores(db: Db, viewer: Viewer, query: string, first: number): Promise<TypedRecord[]> {
  const name = { contains: query, mode: 'insensitive' as const };
  const owned = { AND: [visibleOwnedWhere(viewer), LIVE, { name }] };
  const page = { take: first, orderBy: { name: 'asc' as const } };
  const [databases, databaseUsers, instances, valkeyUsers] = await Promise.all([
    viewer.can('databases:read') ? db.database.findMany({ where: owned, include: withBrand, ...page }) : [],
    viewer.can('databases:read')
      ? db.databaseUser.findMany({
          where: { AND: [{ database: visibleOwnedWhere(viewer) }, LIVE, { name }] },
          omit: withoutHash,
          include: withDatabaseBrand,
          ...page,
        })
      : [],
    viewer.can('valkey:read') ? db.valkeyInstance.findMany({ where: owned, include: withBrand, ...page }) : [],
    viewer.can('valkey:read')
      ? db.valkeyUser.findMany({
          where: { AND: [{ instance: visibleOwnedWhere(viewer) }, LIVE, { name }] },
          omit: withoutHash,
          include: withInstanceBrand,
          ...page,
        })
      : [],
  ]);
  return [
    ...typed('Database', databases.map(databaseRecord)),
    ...typed('DatabaseUser', databaseUsers.map(databaseUserRecord)),
    ...typed('ValkeyInstance', instances.map(valkeyInstanceRecord)),
    ...typed('ValkeyUser', valkeyUsers.map(valkeyUserRecord)),
  ];
}
