// The status state machine of every async resource: a guarded status move and its STATUS event
// committed together (DESIGN.md §4b), and who owns a resource's events.
import type { Db, DbTx, ResourceStatus } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import { RESOURCE_TYPES, type AsyncResourceType } from './registry.js';

/** Every async resource type with the Prisma model that stores it (compatibility view of the registry). */
export const ASYNC_RESOURCES = Object.fromEntries(
  Object.entries(RESOURCE_TYPES).map(([type, spec]) => [type, spec.model]),
) as { [T in AsyncResourceType]: string };

export interface StatusChange {
  resourceType: AsyncResourceType;
  resourceId: string;
  status: ResourceStatus;
  /** Why it FAILED (or null to clear it). */
  statusMessage?: string | null;
  /** Why it is SUSPENDED (or null to clear it). Tenants only. */
  suspendReason?: string | null;
  /** Which operation this status belongs to (what `retry` re-runs). */
  lastOperation?: string;
  /** Only apply when the row is currently in one of these (guards against racing workflows). */
  expectFrom?: ResourceStatus[];
  /** Other columns written with the change (a function runs inside its transaction). */
  data?: Record<string, unknown> | ((tx: DbTx) => Promise<Record<string, unknown>>);
}

/** The columns every async resource table shares; Prisma's delegates differ only in their types. */
interface StatusDelegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  findUniqueOrThrow(args: {
    where: { id: string };
    select: object;
  }): Promise<{ tenantId?: string | null; brandId?: string | null; id: string }>;
}

function delegate(tx: DbTx, type: AsyncResourceType): StatusDelegate {
  return (tx as unknown as Record<string, StatusDelegate>)[RESOURCE_TYPES[type].model]!;
}

/** Types whose rows a brand may own itself (`tenantId` null, `brandId` set): DNS zones and their records. */
const BRAND_OWNABLE: ReadonlySet<AsyncResourceType> = new Set(['DnsZone', 'DnsRecord']);

/**
 * Brand and tenant of any async resource: each row carries its tenant id (a tenant is its own),
 * or, for a brand's own row, its brand id and no tenant (its events reach only brand keys).
 */
export async function ownerOf(tx: DbTx, type: AsyncResourceType, id: string) {
  const brandOwnable = BRAND_OWNABLE.has(type);
  const row = await delegate(tx, type).findUniqueOrThrow({
    where: { id },
    select: type === 'Tenant' ? { id: true } : { id: true, tenantId: true, ...(brandOwnable ? { brandId: true } : {}) },
  });
  if (brandOwnable && !row.tenantId) return { brandId: row.brandId!, tenantId: null };
  const tenantId = type === 'Tenant' ? row.id : row.tenantId!;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { brandId: true } });
  return { brandId: tenant.brandId, tenantId: tenantId as string | null };
}

/**
 * Commits a status change, its event and the NOTIFY in one transaction (DESIGN.md §4b).
 * Returns false (and writes nothing) when `expectFrom` does not match the current status.
 */
export async function setResourceStatus(db: Db, change: StatusChange): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const where = {
      id: change.resourceId,
      ...(change.expectFrom ? { status: { in: change.expectFrom } } : {}),
    };
    const extra = typeof change.data === 'function' ? await change.data(tx) : change.data;
    const data = {
      ...extra,
      status: change.status,
      ...(change.statusMessage !== undefined ? { statusMessage: change.statusMessage } : {}),
      ...(change.suspendReason !== undefined ? { suspendReason: change.suspendReason } : {}),
      ...(change.lastOperation !== undefined ? { lastOperation: change.lastOperation } : {}),
    };
    const { count } = await delegate(tx, change.resourceType).updateMany({ where, data });
    if (count === 0) return false;
    await appendEvent(tx, {
      ...(await ownerOf(tx, change.resourceType, change.resourceId)),
      resourceType: change.resourceType,
      resourceId: change.resourceId,
      kind: 'STATUS',
      status: change.status,
      message: change.statusMessage ?? change.suspendReason ?? null,
    });
    return true;
  });
}
