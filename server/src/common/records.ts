import type { ShardRecord, TenantRecord } from '@hostplane/schema';
import type { Shard, Tenant } from '../db/index.js';

/**
 * Prisma's enums are string unions and the schema's are TS enums with the same members
 * (enum-parity.test.ts keeps them equal), so a row is the record the schema expects.
 */
export const tenantRecord = (row: Tenant): TenantRecord => row as unknown as TenantRecord;
export const shardRecord = (row: Shard): ShardRecord => row as unknown as ShardRecord;
