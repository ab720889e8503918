// What a tenant uses of each counted resource: live rows only (a resource being deleted or gone
// frees its slot at once, ../resources/gone.ts). One SQL statement for any number of tenants and
// resources: the quota check asks for one tenant and the resources it limits, `Tenant.usage`
// for a page of tenants and all of them.
import type { PlanLimits } from '@hostplane/schema';
import { Prisma, type Db, type DbTx } from '../db/index.js';
import { GONE_STATUSES } from '../resources/gone.js';

/** Each counted resource: its table, what it adds up (rows, or a column), the plan's limit, its name. */
export const QUOTA_RESOURCES = {
  webroots: { table: 'Webroot', sum: null, limit: 'maxWebroots', noun: 'webroots', unit: null },
  fqdns: { table: 'Fqdn', sum: null, limit: 'maxFqdns', noun: 'FQDNs', unit: null },
  databases: { table: 'Database', sum: null, limit: 'maxDatabases', noun: 'databases', unit: null },
  databaseUsers: { table: 'DatabaseUser', sum: null, limit: 'maxDatabaseUsers', noun: 'database users', unit: null },
  valkeyInstances: {
    table: 'ValkeyInstance',
    sum: null,
    limit: 'maxValkeyInstances',
    noun: 'Valkey instances',
    unit: null,
  },
  valkeyUsers: { table: 'ValkeyUser', sum: null, limit: 'maxValkeyUsers', noun: 'Valkey users', unit: null },
  valkeyMemoryMb: {
    table: 'ValkeyInstance',
    sum: 'maxMemoryMb',
    limit: 'maxValkeyMemoryMb',
    noun: 'Valkey memory',
    unit: 'MiB',
  },
  cronJobs: { table: 'CronJob', sum: null, limit: 'maxCronJobs', noun: 'cron jobs', unit: null },
  dnsZones: { table: 'DnsZone', sum: null, limit: 'maxDnsZones', noun: 'DNS zones', unit: null },
  daemons: { table: 'Daemon', sum: null, limit: 'maxDaemons', noun: 'daemons', unit: null },
  mailDomains: { table: 'MailDomain', sum: null, limit: 'maxMailDomains', noun: 'mail domains', unit: null },
  mailboxes: { table: 'Mailbox', sum: null, limit: 'maxMailboxes', noun: 'mailboxes', unit: null },
} as const satisfies Record<
  string,
  { table: string; sum: string | null; limit: keyof PlanLimits; noun: string; unit: string | null }
>;

export type QuotaResource = keyof typeof QUOTA_RESOURCES;
export const ALL_QUOTA_RESOURCES = Object.keys(QUOTA_RESOURCES) as QuotaResource[];

/**
 * Live usage per tenant and resource (absent = 0). `exceptId` leaves one row out: an instance
 * whose memory is about to change counts with its new size, not its old one.
 */
export async function countUsage(
  db: Db | DbTx,
  tenantIds: readonly string[],
  resources: readonly QuotaResource[] = ALL_QUOTA_RESOURCES,
  exceptId?: string,
): Promise<Map<string, Partial<Record<QuotaResource, number>>>> {
  const usage = new Map<string, Partial<Record<QuotaResource, number>>>();
  if (tenantIds.length === 0 || resources.length === 0) return usage;
  const gone = [...GONE_STATUSES];
  // Table and column names come from the constant table above, never from input.
  const parts = resources.map((resource) => {
    const { table, sum } = QUOTA_RESOURCES[resource];
    const value = sum ? Prisma.raw(`coalesce(sum("${sum}"), 0)::int`) : Prisma.raw('count(*)::int');
    return Prisma.sql`
      SELECT "tenantId"::text AS "tenantId", ${resource}::text AS "resource", ${value} AS "used"
      FROM ${Prisma.raw(`"${table}"`)}
      WHERE "tenantId" = ANY(${[...tenantIds]}::uuid[]) AND "status"::text <> ALL(${gone}::text[])
        ${exceptId ? Prisma.sql`AND "id" <> ${exceptId}::uuid` : Prisma.empty}
      GROUP BY "tenantId"`;
  });
  const rows = await db.$queryRaw<Array<{ tenantId: string; resource: QuotaResource; used: number }>>`
    ${Prisma.join(parts, ' UNION ALL ')}`;
  for (const row of rows) {
    const of = usage.get(row.tenantId) ?? {};
    of[row.resource] = Number(row.used);
    usage.set(row.tenantId, of);
  }
  return usage;
}
