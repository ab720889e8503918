import type { ValkeyInstanceRecord, ValkeyUserRecord } from '@hostplane/schema';
import { flattenBrand } from '../data-stores/ownership.js';

/** Prisma `include` that brings a Valkey user's brand along. */
export const withInstanceBrand = { instance: { select: { tenant: { select: { brandId: true } } } } } as const;
/** The password hash is never read back out of the table, except by the workflows. */
export const withoutHash = { passwordHash: true } as const;

export function valkeyInstanceRecord(row: object & { tenant: { brandId: string } }): ValkeyInstanceRecord {
  return flattenBrand<ValkeyInstanceRecord>(row);
}

export function valkeyUserRecord(row: object & { instance: { tenant: { brandId: string } } }): ValkeyUserRecord {
  const { instance, ...rest } = row;
  delete (rest as { passwordHash?: unknown }).passwordHash;
  return { ...rest, brandId: instance.tenant.brandId } as unknown as ValkeyUserRecord;
}
