// Limits per tenant (issue 10): every create of a counted resource, and every Valkey memory
// change, is checked against the tenant's plan inside the transaction that writes it. The check
// takes the tenant row's lock (FOR NO KEY UPDATE: it serializes quota checks of one tenant
// without conflicting with the key-share lock its children's foreign keys take), then counts
// under READ COMMITTED, so of ten concurrent creates against a limit of 3 exactly three commit.
import { UserErrorCode, type PlanLimits } from '@hostplane/schema';
import { refuse, type Refusal } from '../common/refuse.js';
import type { DbTx } from '../db/index.js';
import type { AsyncResourceType } from '../resources/registry.js';
import { countUsage, QUOTA_RESOURCES, type QuotaResource } from './usage.js';

/** Which of the plan's limits a new row of each counted type uses. */
const LIMITED_BY: Partial<Record<AsyncResourceType, QuotaResource[]>> = {
  Webroot: ['webroots'],
  Fqdn: ['fqdns'],
  Database: ['databases'],
  DatabaseUser: ['databaseUsers'],
  ValkeyInstance: ['valkeyInstances', 'valkeyMemoryMb'],
  ValkeyUser: ['valkeyUsers'],
  CronJob: ['cronJobs'],
  DnsZone: ['dnsZones'],
  Daemon: ['daemons'],
  MailDomain: ['mailDomains'],
  Mailbox: ['mailboxes'],
};

/** The input field a refusal points at: what the caller would change to fit. */
const FIELD: Record<QuotaResource, string> = {
  webroots: 'tenantId',
  fqdns: 'webrootId',
  databases: 'tenantId',
  databaseUsers: 'databaseId',
  valkeyInstances: 'tenantId',
  valkeyUsers: 'instanceId',
  valkeyMemoryMb: 'maxMemoryMb',
  cronJobs: 'webrootId',
  dnsZones: 'tenantId',
  daemons: 'webrootId',
  mailDomains: 'zoneId',
  mailboxes: 'domainId',
};

/** Thrown inside the writing transaction to roll it back; `withinQuota` turns it into the userError. */
export class QuotaExceeded extends Error {
  readonly field: string;

  constructor(plan: string, resource: QuotaResource, limit: number, usedBefore: number) {
    const { noun, unit } = QUOTA_RESOURCES[resource];
    super(
      unit
        ? `Plan ${plan} allows ${limit} ${unit} of ${noun} per tenant; the tenant uses ${usedBefore} ${unit}, so this does not fit.`
        : `Plan ${plan} allows at most ${limit} ${noun} per tenant; the tenant has ${usedBefore}.`,
    );
    this.field = FIELD[resource];
  }

  /** The QUOTA_EXCEEDED payload of a create or change it refused (nothing was written). */
  refusal<P extends string>(payload: P): Refusal<P> {
    return refuse(payload, this.field, this.message, UserErrorCode.QUOTA_EXCEEDED);
  }
}

type PlanRow = PlanLimits & { name: string };

/** Locks the tenant row; its plan, or null when it has none. */
async function lockPlanOf(tx: DbTx, tenantId: string): Promise<PlanRow | null> {
  const rows = await tx.$queryRaw<Array<PlanRow & { planId: string | null }>>`
    SELECT t."planId", p."name", p."maxWebroots", p."maxFqdns", p."maxDatabases", p."maxDatabaseUsers",
           p."maxValkeyInstances", p."maxValkeyUsers", p."maxValkeyMemoryMb",
           p."maxCronJobs", p."maxDnsZones", p."maxDaemons", p."maxMailDomains", p."maxMailboxes"
    FROM "Tenant" t LEFT JOIN "Plan" p ON p."id" = t."planId"
    WHERE t."id" = ${tenantId}::uuid
    FOR NO KEY UPDATE OF t`;
  const row = rows[0];
  return row?.planId ? row : null;
}

/**
 * Call in the transaction that just inserted a `type` row of the tenant: throws QuotaExceeded
 * (rolling the insert back) when the tenant's live rows, that one included, exceed its plan.
 */
export async function enforceQuota(tx: DbTx, type: AsyncResourceType, tenantId: string): Promise<void> {
  const resources = LIMITED_BY[type];
  if (!resources) return;
  const plan = await lockPlanOf(tx, tenantId);
  const limited = resources.filter((r) => plan?.[QUOTA_RESOURCES[r].limit] != null);
  if (!plan || limited.length === 0) return;
  const usage = await countUsage(tx, [tenantId], limited);
  for (const resource of limited) {
    const limit = plan[QUOTA_RESOURCES[resource].limit]!;
    const used = usage.get(tenantId)?.[resource] ?? 0;
    if (used > limit) {
      const added = resource === 'valkeyMemoryMb' ? await newestMemory(tx, tenantId) : 1;
      throw new QuotaExceeded(plan.name, resource, limit, used - added);
    }
  }
}

/** The memory of the instance this transaction inserted (the tenant's newest): for the message. */
async function newestMemory(tx: DbTx, tenantId: string): Promise<number> {
  const row = await tx.valkeyInstance.findFirst({ where: { tenantId }, orderBy: { createdAt: 'desc' } });
  return row?.maxMemoryMb ?? 0;
}

/**
 * Call in the transaction that changes instance `instanceId` to `maxMemoryMb`, before the
 * update: throws QuotaExceeded when the tenant's other live instances and the new size exceed
 * its plan's Valkey memory.
 */
export async function enforceValkeyMemory(
  tx: DbTx,
  tenantId: string,
  instanceId: string,
  maxMemoryMb: number,
): Promise<void> {
  const plan = await lockPlanOf(tx, tenantId);
  const limit = plan?.maxValkeyMemoryMb;
  if (!plan || limit == null) return;
  const usage = await countUsage(tx, [tenantId], ['valkeyMemoryMb'], instanceId);
  const others = usage.get(tenantId)?.valkeyMemoryMb ?? 0;
  if (others + maxMemoryMb > limit) throw new QuotaExceeded(plan.name, 'valkeyMemoryMb', limit, others);
}

/**
 * Runs a write whose transaction calls enforceQuota/enforceValkeyMemory: its result, or the
 * QUOTA_EXCEEDED payload when the plan refused it (nothing written, no workflow started).
 */
export async function withinQuota<P extends string, T>(payload: P, write: () => Promise<T>): Promise<T | Refusal<P>> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof QuotaExceeded) return error.refusal(payload);
    throw error;
  }
}
