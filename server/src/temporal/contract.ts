/**
 * What the API and the worker agree on: task queue, workflow names, ids and inputs.
 * Workflow ids come from business ids, so a double submit cannot start a second run.
 */
import type { WorkflowName } from './workflows.js';

export { CONTROL_TASK_QUEUE, nodeTaskQueue } from '@hostplane/contract/task-queues';

export type TenantOperation = 'CREATE' | 'SUSPEND' | 'UNSUSPEND' | 'DELETE';

export const tenantWorkflowName = {
  CREATE: 'createTenantWorkflow',
  SUSPEND: 'suspendTenantWorkflow',
  UNSUSPEND: 'unsuspendTenantWorkflow',
  DELETE: 'deleteTenantWorkflow',
} as const satisfies Record<TenantOperation, WorkflowName>;

export function tenantWorkflowId(operation: TenantOperation, tenantId: string): string {
  return `tenant-${operation.toLowerCase()}-${tenantId}`;
}

export * from './data-stores.js';
export * from './workflows.js';
export * from './web-hosting.js';
