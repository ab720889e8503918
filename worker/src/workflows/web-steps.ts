// Building blocks of the webroot, FQDN and convergence workflows. Deterministic code: types,
// workflow APIs and the plain-data contracts only (no Node built-ins, no I/O).
import { CancellationScope, isCancellation, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { LbActivities, WebActivities } from '@hostplane/node-agent';
import { CAPABILITY_MISSING } from '@hostplane/node-agent/contract';
import { WEB_NON_RETRYABLE_ERROR_TYPES, type FqdnMapping } from '@hostplane/node-agent/webroots/contract';
import type { ResourceStatus } from '@hostplane/server/db';
import { nodeTaskQueue } from '@hostplane/server/temporal';
import type { WebHostingControlActivities, WebrootPlan, WebRef } from '../activities/web-hosting.activities.js';
import { describeFailure } from './tenant-steps.js';

/** Status, step and plan reads: local activities in the worker (DESIGN.md §4b). */
export const web = proxyLocalActivities<WebHostingControlActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

const nonRetryableErrorTypes = [...WEB_NON_RETRYABLE_ERROR_TYPES, CAPABILITY_MISSING];
type NodeWebActivities = WebActivities & LbActivities;

/**
 * A node's web and load-balancer activities on its own task queue. `attempts: 1` is for a
 * first try that has a fallback; `long` for whole-node convergence (its time grows with the
 * number of webroots).
 */
export function onWebNode(nodeId: string, options: { attempts?: number; long?: boolean } = {}) {
  return proxyActivities<NodeWebActivities>({
    taskQueue: nodeTaskQueue(nodeId),
    startToCloseTimeout: options.long ? '30 minutes' : '2 minutes',
    scheduleToStartTimeout: '5 minutes',
    retry: {
      maximumAttempts: options.attempts ?? 5,
      initialInterval: '1 second',
      nonRetryableErrorTypes,
    },
  });
}

export type StepState = 'STARTED' | 'SUCCEEDED' | 'FAILED';
export type StepRecorder = (step: string, state: StepState, message: string) => Promise<void>;

/** Records STEP events on a webroot, FQDN or shard. */
export const recorderOf =
  (ref: WebRef): StepRecorder =>
  (step, state, message) =>
    web.recordWebStep({ ...ref, step, state, message });

/**
 * Runs `action` on every node in parallel as one recorded step (STARTED / SUCCEEDED / FAILED per
 * node); waits for all (no stray activity keeps running after a failure), then throws naming each.
 */
export async function onNodes<T>(
  record: StepRecorder,
  step: string,
  nodeIds: string[],
  action: (node: NodeWebActivities, nodeId: string) => Promise<T>,
): Promise<T[]> {
  const results = await Promise.allSettled(
    nodeIds.map(async (nodeId) => {
      await record(step, 'STARTED', `node ${nodeId}`);
      try {
        const result = await action(onWebNode(nodeId), nodeId);
        await record(step, 'SUCCEEDED', `node ${nodeId}`);
        return result;
      } catch (error) {
        const message = `node ${nodeId}: ${describeFailure(error)}`;
        await record(step, 'FAILED', message);
        throw new Error(message);
      }
    }),
  );
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [describeFailure(r.reason)] : []));
  if (failures.length > 0) throw new Error(failures.join('; '));
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/**
 * Routes (`set`) and unroutes (`remove`) host names on every load balancer of the cluster through
 * the runtime API, no reload. An LB that has never been converged (no config, unknown backend)
 * gets the cluster's whole spec instead, which includes the change.
 */
export async function updateLoadBalancers(
  record: StepRecorder,
  lb: WebrootPlan['lb'],
  change: { set: string[]; remove: string[] },
): Promise<void> {
  if (lb.nodeIds.length === 0 || change.set.length + change.remove.length === 0) return;
  const entries: FqdnMapping[] = change.set.map((fqdn) => ({ fqdn, backend: lb.backend }));
  await onNodes(record, 'load balancer updated', lb.nodeIds, async (_node, nodeId) => {
    const once = onWebNode(nodeId, { attempts: 1 });
    try {
      if (entries.length > 0) await once.setFqdnMappings({ entries });
      if (change.remove.length > 0) await once.removeFqdnMappings({ fqdns: change.remove });
    } catch {
      await onWebNode(nodeId).convergeLb(await web.loadLbSpec(lb.clusterId));
    }
  });
}

/** Moves a webroot or FQDN to `status` if it is in `from`; false when it is not (and not already there). */
export function setStatus(
  ref: { type: 'Webroot' | 'Fqdn'; id: string },
  status: ResourceStatus,
  from: ResourceStatus[],
) {
  return web.setWebStatus({ ...ref, status, statusMessage: null, expectFrom: from });
}

/**
 * Runs a workflow body; on failure records FAILED with the readable cause (when the resource is
 * still in one of `failFrom`) and completes normally: the status is the truth, a failed
 * operation is data. Cancellation still ends the workflow.
 */
export async function failing(
  ref: { type: 'Webroot' | 'Fqdn'; id: string },
  failFrom: ResourceStatus[],
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    const cancelled = isCancellation(error);
    const statusMessage = cancelled ? 'operation cancelled' : describeFailure(error);
    await CancellationScope.nonCancellable(() =>
      web.setWebStatus({ ...ref, status: 'FAILED', statusMessage, expectFrom: failFrom }),
    );
    if (cancelled) throw error;
  }
}
