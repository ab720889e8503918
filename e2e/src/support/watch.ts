import { waitFor, type HostplaneClient, type ResourceStatus, type WaitForResult } from '@hostplane/schema/sdk';
import { TestRunner } from 'vitest';

/** Where a watch ended: the status reached and every event seen on the way. */
export type Watched = Pick<WaitForResult, 'status' | 'events'>;

/** Kept free at the end of a test for the failing wait to report what it saw. */
const REPORT_MARGIN_MS = 2_000;

/**
 * `wantedMs`, cut to the time the running test has left before its own timeout: a wait that
 * cannot finish inside the test fails with what it saw, rather than as a bare test timeout.
 * Outside a test (hooks carry their own, longer timeouts) `wantedMs` as is.
 */
export function withinTest(wantedMs: number): number {
  const test = TestRunner.getCurrentTest();
  const startedAt = test?.result?.startTime;
  if (!test?.timeout || startedAt === undefined) return wantedMs;
  return Math.max(1_000, Math.min(wantedMs, startedAt + test.timeout - REPORT_MARGIN_MS - Date.now()));
}

/**
 * Follows any async resource (tenant, webroot, FQDN, database, …) until its status is one of
 * `until`; returns that status and every event seen. The SDK's `waitFor`, bounded by the test's
 * own timeout (see `withinTest`), so a stuck resource fails with its events, not a timeout.
 */
export async function watchStatus(
  c: HostplaneClient,
  id: string,
  until: readonly string[],
  timeoutMs = 45_000,
): Promise<Watched> {
  const { status, events } = await waitFor(c, id, until as readonly ResourceStatus[], {
    timeoutMs: withinTest(timeoutMs),
  });
  return { status, events };
}

/** Follows a tenant's events until its status is one of `until`. */
export const watchTenant = watchStatus;
