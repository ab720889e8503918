import { waitFor, type HostplaneClient, type ResourceStatus, type WaitForResult } from '@hostplane/schema/sdk';

/** Where a watch ended: the status reached and every event seen on the way. */
export type Watched = Pick<WaitForResult, 'status' | 'events'>;

/**
 * Follows any async resource (tenant, webroot, FQDN, database, …) until its status is one of
 * `until`; returns that status and every event seen. The SDK's `waitFor`, with the e2e default
 * timeout (shorter than a test's own, so a stuck resource fails with its events, not a timeout).
 */
export async function watchStatus(
  c: HostplaneClient,
  id: string,
  until: readonly string[],
  timeoutMs = 45_000,
): Promise<Watched> {
  const { status, events } = await waitFor(c, id, until as readonly ResourceStatus[], { timeoutMs });
  return { status, events };
}

/** Follows a tenant's events until its status is one of `until`. */
export const watchTenant = watchStatus;
