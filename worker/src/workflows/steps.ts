// The step helpers of every lifecycle workflow (DESIGN.md §5c): status moves, recorded steps,
// node fan-out and "failing" bodies, the same for every resource type. Deterministic code: types,
// workflow APIs and the plain-data contracts only (no Node built-ins, no I/O).
import {
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { ResourceStatus } from '@hostplane/server/db';
import { nodeTaskQueue } from '@hostplane/server/temporal';
import type {
  ResourceActivities,
  ResourceRef,
  ResourceStatusChange,
  StepState,
  StepTarget,
} from '../activities/resource.activities.js';

/** Statuses a suspend/unsuspend may act from: anything not being (or already) deleted. */
export const NOT_GONE: ResourceStatus[] = ['PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED'];

/** Statuses a delete may act from: anything not already DELETED. */
export const NOT_DELETED: ResourceStatus[] = [...NOT_GONE, 'DELETING'];

/**
 * Status and step writes are short DB calls in the worker's own process: local activities
 * avoid a task-queue round trip per event (DESIGN.md §4b). Bounded retries (~1 min) ride out a
 * database restart without retrying a real bug forever.
 */
const resources = proxyLocalActivities<ResourceActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

// A node that never picks its task up (agent down) fails the step after this long instead of
// leaving the resource PROVISIONING forever; `retry…` runs it again.
const NODE_PICKUP_TIMEOUT = '5 minutes';
// Node agents heartbeat every running activity every 5 s (node-agent/src/heartbeat.ts): one
// silent this long was killed or lost, and the activity is retried — on the restarted agent —
// instead of waiting out its start-to-close timeout.
const NODE_HEARTBEAT_TIMEOUT = '30 seconds';

export interface NodeProxyOptions {
  startToCloseTimeout: string;
  /** Error types a node activity fails with that no retry can fix. */
  nonRetryableErrorTypes: string[];
  /** 1 for a first try that has a fallback; 5 by default. */
  attempts?: number;
}

/** A node agent's activities `A`, routed to that node's own task queue. */
export function nodeActivities<A extends object>(nodeId: string, options: NodeProxyOptions): A {
  return proxyActivities<A>({
    taskQueue: nodeTaskQueue(nodeId),
    startToCloseTimeout: options.startToCloseTimeout,
    scheduleToStartTimeout: NODE_PICKUP_TIMEOUT,
    heartbeatTimeout: NODE_HEARTBEAT_TIMEOUT,
    retry: {
      maximumAttempts: options.attempts ?? 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes: options.nonRetryableErrorTypes,
    },
  }) as A;
}

/** The innermost, human-readable reason of a failure (activity wrappers add nothing useful). */
export function describeFailure(error: unknown): string {
  let current = error;
  while (current instanceof TemporalFailure && current.cause) current = current.cause;
  if (current instanceof TimeoutFailure && current.timeoutType === 'SCHEDULE_TO_START') {
    return `its node agent did not pick the task up within ${NODE_PICKUP_TIMEOUT}`;
  }
  return current instanceof Error ? current.message : String(current);
}

/** The type of the innermost ApplicationFailure (e.g. CapabilityMissing), if that is what failed. */
export function failureType(error: unknown): string | undefined {
  let current = error;
  while (current instanceof TemporalFailure && current.cause) current = current.cause;
  return current instanceof ApplicationFailure ? (current.type ?? undefined) : undefined;
}

export type StepRecorder = (step: string, state: StepState, message: string) => Promise<void>;

/** Records STEP events on a resource (or a shard). */
export const recorderOf =
  (target: StepTarget): StepRecorder =>
  (step, state, message) =>
    resources.recordResourceStep({ ...target, step, state, message });

/** Records a step's start, success or failure around `action`; a failure is rethrown as "message: reason". */
export async function step<T>(
  record: StepRecorder,
  name: string,
  message: string,
  action: () => Promise<T>,
): Promise<T> {
  await record(name, 'STARTED', message);
  let result: T;
  try {
    result = await action();
  } catch (error) {
    const reason = `${message}: ${describeFailure(error)}`;
    await record(name, 'FAILED', reason);
    throw new Error(reason);
  }
  await record(name, 'SUCCEEDED', message);
  return result;
}

/**
 * Runs `action` on every node in parallel as one recorded step (STARTED / SUCCEEDED / FAILED per
 * node); waits for all (no stray activity keeps running after a failure), then throws naming each.
 */
export async function onEveryNode<T>(
  record: StepRecorder,
  name: string,
  nodeIds: string[],
  action: (nodeId: string) => Promise<T>,
): Promise<T[]> {
  const results = await Promise.allSettled(
    nodeIds.map((nodeId) => step(record, name, `node ${nodeId}`, () => action(nodeId))),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [describeFailure(r.reason)] : []));
  if (failures.length > 0) throw new Error(failures.join('; '));
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/**
 * Moves the resource to `status` if it is in `from`, clearing its status message (unless
 * `extra` says otherwise); false when it is not there (and not already at `status`).
 */
export function setStatus(
  ref: ResourceRef,
  status: ResourceStatus,
  from: ResourceStatus[],
  extra: Pick<ResourceStatusChange, 'statusMessage' | 'suspendReason'> = {},
): Promise<boolean> {
  return resources.setResourceStatus({ ...ref, status, statusMessage: null, ...extra, expectFrom: from });
}

/** The status of a resource, null when it does not exist. */
export const statusOf = (ref: ResourceRef) => resources.resourceStatus(ref);

/**
 * The kit's create/update: PENDING (or FAILED, on retry) → PROVISIONING → `body` → ACTIVE, or
 * FAILED with the reason. Does nothing when the resource is not waiting for it (already ACTIVE,
 * or deleted meanwhile).
 */
export async function provisioning(ref: ResourceRef, body: () => Promise<void>): Promise<void> {
  if (!(await setStatus(ref, 'PROVISIONING', ['PENDING', 'FAILED']))) return;
  await failing(ref, ['PROVISIONING'], async () => {
    await body();
    await setStatus(ref, 'ACTIVE', ['PROVISIONING']);
  });
}

/** The kit's delete: anything not DELETED → DELETING → `body` → DELETED, or FAILED with the reason. */
export async function deleting(ref: ResourceRef, body: () => Promise<void>): Promise<void> {
  if (!(await setStatus(ref, 'DELETING', NOT_DELETED))) return;
  await failing(ref, ['DELETING'], async () => {
    await body();
    await setStatus(ref, 'DELETED', ['DELETING']);
  });
}

/**
 * Runs a workflow body; on failure records FAILED with the readable cause (when the resource is
 * still in one of `failFrom`) and completes normally: the status is the truth, so a failed
 * operation is data, not a failed workflow. Cancellation still ends the workflow.
 */
export async function failing(ref: ResourceRef, failFrom: ResourceStatus[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const cancelled = isCancellation(error);
    const statusMessage = cancelled ? 'operation cancelled' : describeFailure(error);
    await CancellationScope.nonCancellable(() =>
      resources.setResourceStatus({ ...ref, status: 'FAILED', statusMessage, expectFrom: failFrom }),
    );
    if (cancelled) throw error;
  }
}
