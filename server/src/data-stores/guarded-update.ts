import type { Db, ResourceStatus } from '../db/index.js';
import { beginOperation, startOperationWorkflow } from '../events/operations.js';
import type { ServiceDeps } from '../services.js';
import {
  dataStoreWorkflowId,
  dataStoreWorkflowName,
  type DataStoreOperation,
  type DataStoreResourceType,
} from '../temporal/contract.js';

/** Which statuses an operation may start from (a resource busy in a workflow is refused). */
export const STARTS_FROM: Record<DataStoreOperation, ResourceStatus[]> = {
  CREATE: ['FAILED'],
  UPDATE: ['ACTIVE', 'FAILED'],
  DELETE: ['ACTIVE', 'FAILED', 'SUSPENDED'],
  MIGRATE: ['ACTIVE'],
};

/** Moves a data-store resource to PENDING or DELETING for `operation` (see `beginOperation`). */
export function beginDataStoreOperation(
  db: Db,
  type: DataStoreResourceType,
  id: string,
  operation: DataStoreOperation,
  data: Record<string, unknown> = {},
  expectFrom: ResourceStatus[] = STARTS_FROM[operation],
): Promise<boolean> {
  return beginOperation(db, { type, id, operation, removal: operation === 'DELETE', expectFrom, data });
}

/** Starts the operation's workflow; if Temporal refuses, the resource lands FAILED so it can be retried. */
export async function startDataStoreWorkflow(
  deps: ServiceDeps,
  type: DataStoreResourceType,
  id: string,
  operation: DataStoreOperation,
): Promise<void> {
  const workflowName = dataStoreWorkflowName[type][operation];
  if (!workflowName) throw new Error(`${type} has no ${operation} workflow`);
  const workflowId = dataStoreWorkflowId(type, operation, id);
  await startOperationWorkflow(deps, { type, id, operation, workflowName, workflowId });
}

/** What `retry…` re-runs: the last operation, from FAILED only. */
export function retryOperation(lastOperation: string): DataStoreOperation {
  return (['CREATE', 'UPDATE', 'DELETE', 'MIGRATE'] as const).find((o) => o === lastOperation) ?? 'CREATE';
}
