import type { DatabaseAccessRuleRecord, DatabaseRecord, DatabaseUserRecord, Viewer } from '@hostplane/schema';
import { flattenBrand, visibleOwnedWhere } from '../data-stores/ownership.js';

export { canSeeOwned, visibleOwnedWhere, withBrand } from '../data-stores/ownership.js';
/** Prisma `include` that brings a database child's brand along. */
export const withDatabaseBrand = { database: { select: { tenant: { select: { brandId: true } } } } } as const;
/** The password hash is never read back out of the table, except by the workflows. */
export const withoutHash = { passwordHash: true } as const;

type WithBrand<T> = T & { tenant: { brandId: string } };
type WithDatabaseBrand<T> = T & { database: { tenant: { brandId: string } } };

export function databaseRecord<T extends object>(row: WithBrand<T>): DatabaseRecord {
  return flattenBrand<DatabaseRecord>(row);
}

export function databaseUserRecord<T extends object>(row: WithDatabaseBrand<T>): DatabaseUserRecord {
  const { database, ...rest } = row;
  delete (rest as { passwordHash?: unknown }).passwordHash;
  return { ...rest, brandId: database.tenant.brandId } as unknown as DatabaseUserRecord;
}

export function accessRuleRecord<T extends object>(row: WithDatabaseBrand<T>): DatabaseAccessRuleRecord {
  const { database, ...rest } = row;
  return { ...rest, brandId: database.tenant.brandId } as unknown as DatabaseAccessRuleRecord;
}

/** Rows of database children (users, rules) the viewer may see. */
export const visibleChildWhere = (viewer: Viewer) => ({ database: visibleOwnedWhere(viewer) });
