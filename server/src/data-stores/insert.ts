import { Prisma, type Db, type DbTx } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import type { DataStoreResourceType } from '../temporal/contract.js';
import { generateShortName } from '../tenants/tenant-name.js';
import { enforceQuota } from '../plans/quota.js';

/** A unique-index violation (P2002): a name or rule that already exists. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Inserts a row with `create` and its CREATED event in one transaction, checked against the
 * tenant's plan there (a QuotaExceeded rolls it back: the caller answers its `refusal`). A row a
 * brand owns itself (`tenantId` null: a brand's DNS zone) is under no tenant's plan.
 */
export function insertWithEvent<T extends { id: string; tenantId: string | null; status: string }>(
  db: Db,
  type:
    | DataStoreResourceType
    | 'EgressRule'
    | 'SshKey'
    | 'DnsZone'
    | 'DnsRecord'
    | 'CronJob'
    | 'Daemon'
    | 'MailDomain'
    | 'Mailbox'
    | 'MailAlias',
  brandId: string,
  create: (tx: DbTx) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    const row = await create(tx);
    if (row.tenantId) await enforceQuota(tx, type, row.tenantId);
    await appendEvent(tx, {
      brandId,
      tenantId: row.tenantId,
      resourceType: type,
      resourceId: row.id,
      kind: 'CREATED',
      status: row.status as 'PENDING',
    });
    return row;
  });
}

/** Like insertWithEvent with a fresh `{prefix}xxxxxxxxxx` name; a collision draws a new one. */
export async function insertNamed<T extends { id: string; tenantId: string; status: string }>(
  db: Db,
  type: DataStoreResourceType,
  brandId: string,
  prefix: string,
  create: (tx: DbTx, name: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await insertWithEvent(db, type, brandId, (tx) => create(tx, generateShortName(prefix)));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not draw a unique ${type} name in 5 attempts.`);
}
