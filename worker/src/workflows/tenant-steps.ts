// Building blocks of the tenant workflows. Deterministic code: types, workflow APIs and the
// plain-data contracts only (no Node built-ins, no I/O).
import {
  CancellationScope,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { NodeActivities } from '@hostplane/node-agent';
import { NODE_NON_RETRYABLE_ERROR_TYPES } from '@hostplane/node-agent/contract';
import type { ResourceStatus } from '@hostplane/server/db';
import { nodeTaskQueue } from '@hostplane/server/temporal';
import type { TenantActivities, TenantPlan } from '../activities/tenant.activities.js';

/** Statuses a suspend/unsuspend may act from: anything not being (or already) deleted. */
export const NOT_GONE: ResourceStatus[] = ['PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED'];

/**
 * Status and step writes are short DB calls in the worker's own process: local activities
 * avoid a task-queue round trip per event (DESIGN.md §4b). Bounded retries (~1 min) ride out a
 * database restart without retrying a real bug forever.
 */
export const control = proxyLocalActivities<TenantActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

// A node that never picks its task up (agent down) fails the step after this long instead of
// leaving the tenant PROVISIONING forever; `retryTenant` runs it again.
const NODE_PICKUP_TIMEOUT = '5 minutes';

/** The node agent's activities, routed to that node's own task queue. */
function onNode(nodeId: string) {
  return proxyActivities<NodeActivities>({
    taskQueue: nodeTaskQueue(nodeId),
    startToCloseTimeout: '1 minute',
    scheduleToStartTimeout: NODE_PICKUP_TIMEOUT,
    retry: {
      maximumAttempts: 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes: [...NODE_NON_RETRYABLE_ERROR_TYPES],
    },
  });
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

/**
 * Runs `action` on every node of the plan in parallel, recording the step STARTED / SUCCEEDED /
 * FAILED per node. Waits for all nodes (no stray activity keeps running after a failure), then
 * throws one error naming every failed node.
 */
export async function onEveryNode(
  plan: TenantPlan,
  step: string,
  action: (node: NodeActivities) => Promise<unknown>,
): Promise<void> {
  const { id: tenantId, brandId } = plan.tenant;
  const record = (state: 'STARTED' | 'SUCCEEDED' | 'FAILED', message: string) =>
    control.recordTenantStep({ tenantId, brandId, step, state, message });

  const results = await Promise.allSettled(
    plan.nodeIds.map(async (nodeId) => {
      await record('STARTED', `node ${nodeId}`);
      try {
        await action(onNode(nodeId));
      } catch (error) {
        const message = `node ${nodeId}: ${describeFailure(error)}`;
        await record('FAILED', message);
        throw new Error(message);
      }
      await record('SUCCEEDED', `node ${nodeId}`);
    }),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [describeFailure(r.reason)] : []));
  if (failures.length > 0) throw new Error(failures.join('; '));
}

/**
 * Runs a workflow body; on failure records FAILED with the readable cause (when the tenant is
 * still in one of `failFrom`) and completes normally: the tenant's status is the truth, so a
 * failed operation is data, not a failed workflow. Cancellation still ends the workflow.
 */
export async function failingTo(
  tenantId: string,
  failFrom: ResourceStatus[],
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const cancelled = isCancellation(error);
    const statusMessage = cancelled ? 'operation cancelled' : describeFailure(error);
    await CancellationScope.nonCancellable(() =>
      control.setTenantStatus({ tenantId, status: 'FAILED', statusMessage, expectFrom: failFrom }),
    );
    if (cancelled) throw error;
  }
}
