import type { Db, ResourceStatus } from '@hostplane/server/db';

/**
 * Whether a tenant's resources should refuse their users — sites answer 503, database accounts
 * are locked, Valkey users are off: it is SUSPENDED, or being (or failed being) suspended. An
 * unsuspend under way reads false, so its syncs let them in again.
 */
export function intendsSuspended(tenant: { status: ResourceStatus; lastOperation: string }): boolean {
  return tenant.status === 'SUSPENDED' || (tenant.lastOperation === 'SUSPEND' && tenant.status !== 'ACTIVE');
}

/** `intendsSuspended` of the tenant with this id, read now. */
export async function tenantSuspended(db: Db, tenantId: string): Promise<boolean> {
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: tenantId },
    select: { status: true, lastOperation: true },
  });
  return intendsSuspended(tenant);
}
