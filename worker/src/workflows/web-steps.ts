// What the webroot, FQDN and convergence workflows add to the step kit (./steps.ts): their plan
// reads, their nodes' web and load-balancer activities, and load-balancer updates. Deterministic
// code: types, workflow APIs and the plain-data contracts only (no Node built-ins, no I/O).
import { proxyLocalActivities } from '@temporalio/workflow';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import {
  WEB_NON_RETRYABLE_ERROR_TYPES,
  type FqdnMapping,
  type LbActivities,
  type WebActivities,
} from '@hostplane/contract/webroots';
import type { WebHostingControlActivities, WebrootPlan } from '../activities/web-hosting.activities.js';
import { nodeActivities, onEveryNode, type StepRecorder } from './steps.js';

/** Plan reads: local activities in the worker (DESIGN.md §4b). */
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
  return nodeActivities<NodeWebActivities>(nodeId, {
    startToCloseTimeout: options.long ? '30 minutes' : '2 minutes',
    nonRetryableErrorTypes,
    ...(options.attempts ? { attempts: options.attempts } : {}),
  });
}

/** Runs `action` on every web node in parallel as one recorded step; waits for all, then throws naming each. */
export function onNodes<T>(
  record: StepRecorder,
  step: string,
  nodeIds: string[],
  action: (node: NodeWebActivities, nodeId: string) => Promise<T>,
): Promise<T[]> {
  return onEveryNode(record, step, nodeIds, (nodeId) => action(onWebNode(nodeId), nodeId));
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
