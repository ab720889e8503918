import type { Db, ResourceStatus } from '../db/index.js';
import { appendEvent } from './publish.js';

export interface StatusChange {
  resourceType: 'Tenant';
  resourceId: string;
  status: ResourceStatus;
  /** Why it FAILED (or null to clear it). */
  statusMessage?: string | null;
  /** Why it is SUSPENDED (or null to clear it). */
  suspendReason?: string | null;
  /** Which operation this status belongs to (what `retry` re-runs). */
  lastOperation?: string;
  /** Only apply when the row is currently in one of these (guards against racing workflows). */
  expectFrom?: ResourceStatus[];
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
    const data = {
      status: change.status,
      ...(change.statusMessage !== undefined ? { statusMessage: change.statusMessage } : {}),
      ...(change.suspendReason !== undefined ? { suspendReason: change.suspendReason } : {}),
      ...(change.lastOperation !== undefined ? { lastOperation: change.lastOperation } : {}),
    };
    const { count } = await tx.tenant.updateMany({ where, data });
    if (count === 0) return false;
    const owner = await tx.tenant.findUniqueOrThrow({
      where: { id: change.resourceId },
      select: { brandId: true, id: true },
    });
    await appendEvent(tx, {
      brandId: owner.brandId,
      tenantId: owner.id,
      resourceType: change.resourceType,
      resourceId: change.resourceId,
      kind: 'STATUS',
      status: change.status,
      message: change.statusMessage ?? change.suspendReason ?? null,
    });
    return true;
  });
}
