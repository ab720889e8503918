// What the tenant workflows add to the step kit (./steps.ts): the tenant's plan reads and its
// node agents' account activities. Deterministic code: types, workflow APIs and the plain-data
// contracts only (no Node built-ins, no I/O).
import { proxyLocalActivities } from '@temporalio/workflow';
import { NODE_NON_RETRYABLE_ERROR_TYPES, type NodeActivities } from '@hostplane/contract/node';
import type { TenantActivities, TenantPlan } from '../activities/tenant.activities.js';
import { nodeActivities, onEveryNode, recorderOf } from './steps.js';

/** The tenant's plan and data-store reads: local activities in the worker (DESIGN.md §4b). */
export const control = proxyLocalActivities<TenantActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/** The node agent's account activities, routed to that node's own task queue. */
const onNode = (nodeId: string) =>
  nodeActivities<NodeActivities>(nodeId, {
    startToCloseTimeout: '1 minute',
    nonRetryableErrorTypes: [...NODE_NON_RETRYABLE_ERROR_TYPES],
  });

/** The tenant's reference for the kit's status and step helpers. */
export const tenantRef = (plan: TenantPlan | string) =>
  ({ type: 'Tenant', id: typeof plan === 'string' ? plan : plan.tenant.id }) as const;

/** Runs `action` on every node of the tenant's shard as one step recorded on the tenant. */
export async function onTenantNodes(
  plan: TenantPlan,
  step: string,
  action: (node: NodeActivities) => Promise<unknown>,
): Promise<void> {
  await onEveryNode(recorderOf(tenantRef(plan)), step, plan.nodeIds, (nodeId) => action(onNode(nodeId)));
}
