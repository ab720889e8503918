// What the database and Valkey workflows add to the step kit (./steps.ts): their plan reads,
// their node agents' activities and waiting for a parent. Deterministic code: types, workflow
// APIs and the plain-data contracts only (no Node built-ins, no I/O).
import { proxyLocalActivities, sleep } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import {
  DATABASE_ERROR_TYPES,
  MIGRATION_ERROR_TYPES,
  VALKEY_ERROR_TYPES,
  type DataStoreActivities,
} from '@hostplane/contract/data-stores';
import type { DataStoreControlActivities } from '../activities/data-store.activities.js';
import type { ResourceRef } from '../activities/resource.activities.js';
import { nodeActivities, onEveryNode, recorderOf, statusOf, step as recordedStep } from './steps.js';

/** Plan reads and shard switches: local activities in the worker (DESIGN.md §4b). */
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
  return nodeActivities<DataStoreActivities>(nodeId, {
    startToCloseTimeout: long ? '2 hours' : '2 minutes',
    nonRetryableErrorTypes,
  });
}

/** Records a step's start, success or failure on `ref` around `action` (per node, in the message). */
export function step<T>(ref: ResourceRef, name: string, message: string, action: () => Promise<T>): Promise<T> {
  return recordedStep(recorderOf(ref), name, message, action);
}

/** Runs `action` on every node in parallel as one step recorded on `ref`; waits for all, then throws naming each failure. */
export async function onNodes(
  ref: ResourceRef,
  nodeIds: string[],
  name: string,
  action: (node: ReturnType<typeof onNode>, nodeId: string) => Promise<unknown>,
): Promise<void> {
  await onEveryNode(recorderOf(ref), name, nodeIds, (nodeId) => action(onNode(nodeId), nodeId));
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
    const status = await statusOf(parent);
    if (status === 'ACTIVE') return;
    if (status !== 'PENDING' && status !== 'PROVISIONING') throw new Error(`its ${what} is ${status ?? 'missing'}`);
    if (waited > WAIT_LIMIT_MS) throw new Error(`its ${what} is still ${status} after 30 minutes`);
    await sleep(delay);
    waited += delay;
  }
}
