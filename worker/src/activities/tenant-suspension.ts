import type { ResourceStatus } from '@hostplane/server/db';

/**
 * Whether a tenant's resources should refuse their users — sites answer 503, database accounts
 * are locked, Valkey users are off: it is SUSPENDED, or being (or failed being) suspended. An
 * unsuspend under way reads false, so its syncs let them in again.
 */
export function intendsSuspended(tenant: { status: ResourceStatus; lastOperation: string }): boolean {
  return tenant.status === 'SUSPENDED' || (tenant.lastOperation === 'SUSPEND' && tenant.status !== 'ACTIVE');
}

/** The tenant columns `intendsSuspended` reads, to select with a resource's row. */
export const SUSPENSION = { select: { status: true, lastOperation: true } } as const;
