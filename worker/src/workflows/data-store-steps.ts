// Building blocks of the database and Valkey workflows. Deterministic code: types, workflow
// APIs and the plain-data contracts only (no Node built-ins, no I/O).
import { CancellationScope, isCancellation, proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { DataStoreActivities } from '@hostplane/node-agent/data-stores';
import { CAPABILITY_MISSING } from '@hostplane/node-agent/contract';
import {
  DATABASE_ERROR_TYPES,
  MIGRATION_ERROR_TYPES,
  VALKEY_ERROR_TYPES,
} from '@hostplane/node-agent/data-stores/contract';
import type { ResourceStatus } from '@hostplane/server/db';
import { nodeTaskQueue } from '@hostplane/server/temporal';
import type { DataStoreControlActivities, ResourceRef } from '../activities/data-store.activities.js';
import { describeFailure } from './tenant-steps.js';

/** Statuses a delete may act from: anything not already DELETED. */
export const NOT_DELETED: ResourceStatus[] = ['PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED', 'DELETING'];

/** Status, step and plan reads: local activities in the worker (DESIGN.md §4b). */
export const control = proxyLocalActivities<DataStoreControlActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const nonRetryableErrorTypes = [
  ...DATABASE_ERROR_TYPES,
  ...VALKEY_ERROR_TYPES,
  ...MIGRATION_ERROR_TYPES,
  CAPABILITY_MISSING,
];

/**
 * A node's data-store activities on its own task queue. `long` is for dumps, restores and
 * imports, which take as long as the data is big; everything else answers within a minute.
 */
export function onNode(nodeId: string, long = false) {
  return proxyActivities<DataStoreActivities>({
    taskQueue: nodeTaskQueue(nodeId),
    startToCloseTimeout: long ? '2 hours' : '2 minutes',
    scheduleToStartTimeout: '5 minutes',
    retry: { maximumAttempts: 5, initialInterval: '1 second', nonRetryableErrorTypes },
  });
}

/** Records a step's start, success or failure around `action` (per node, in the message). */
export async function step<T>(ref: ResourceRef, name: string, message: string, action: () => Promise<T>): Promise<T> {
  await control.recordResourceStep({ ...ref, step: name, state: 'STARTED', message });
  try {
    const result = await action();
    await control.recordResourceStep({ ...ref, step: name, state: 'SUCCEEDED', message });
    return result;
  } catch (error) {
    const reason = `${message}: ${describeFailure(error)}`;
    await control.recordResourceStep({ ...ref, step: name, state: 'FAILED', message: reason });
    throw new Error(reason);
  }
}

/** Runs `action` on every node in parallel as one recorded step; waits for all, then throws naming each failure. */
export async function onNodes(
  ref: ResourceRef,
  nodeIds: string[],
  name: string,
  action: (node: ReturnType<typeof onNode>, nodeId: string) => Promise<unknown>,
): Promise<void> {
  const results = await Promise.allSettled(
    nodeIds.map((nodeId) => step(ref, name, `node ${nodeId}`, () => action(onNode(nodeId), nodeId))),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [describeFailure(r.reason)] : []));
  if (failures.length > 0) throw new Error(failures.join('; '));
}

/** Moves the resource to `status` if it is in `from`; false when it is not (and not already there). */
export function setStatus(ref: ResourceRef, status: ResourceStatus, from: ResourceStatus[]): Promise<boolean> {
  return control.setResourceStatus({ ...ref, status, statusMessage: null, expectFrom: from });
}

/**
 * Runs a workflow body; on failure records FAILED with the readable cause (when the resource is
 * still in one of `failFrom`) and completes normally: the status is the truth. Cancellation
 * still ends the workflow.
 */
export async function failingTo(
  ref: ResourceRef,
  failFrom: ResourceStatus[],
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const cancelled = isCancellation(error);
    const statusMessage = cancelled ? 'operation cancelled' : describeFailure(error);
    await CancellationScope.nonCancellable(() =>
      control.setResourceStatus({ ...ref, status: 'FAILED', statusMessage, expectFrom: failFrom }),
    );
    if (cancelled) throw error;
  }
}

const WAIT_LIMIT_MS = 30 * 60_000;

/**
 * Waits until `parent` (a database or instance) is ACTIVE: a user created right after its
 * database, or changed during a migration, goes on once the parent is ready. Throws when the
 * parent failed, is going away, or is still busy after 30 minutes.
 */
export async function whenActive(parent: ResourceRef, what: string): Promise<void> {
  let waited = 0;
  for (let delay = 250; ; delay = Math.min(delay * 2, 5_000)) {
    const status = await control.resourceStatus(parent);
    if (status === 'ACTIVE') return;
    if (status !== 'PENDING' && status !== 'PROVISIONING') throw new Error(`its ${what} is ${status ?? 'missing'}`);
    if (waited > WAIT_LIMIT_MS) throw new Error(`its ${what} is still ${status} after 30 minutes`);
    await sleep(delay);
    waited += delay;
  }
}
