import { userError, UserErrorCode, type UserError } from '@hostplane/schema';
import type { Db, ResourceStatus } from '../db/index.js';
import { beginOperation, startOperationWorkflow } from '../events/operations.js';
import { ASYNC_RESOURCES } from '../events/status.js';
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
function retryOperation(lastOperation: string): DataStoreOperation {
  return (['CREATE', 'UPDATE', 'DELETE', 'MIGRATE'] as const).find((o) => o === lastOperation) ?? 'CREATE';
}

interface LastOperationDelegate {
  findUniqueOrThrow(args: {
    where: { id: string };
    select: { lastOperation: true };
  }): Promise<{ lastOperation: string }>;
}

/**
 * What `retry…` re-runs for a FAILED resource: its last operation. Any other status is the
 * INVALID_STATE userError (`what`: "database", "user", …). Start it from FAILED only.
 */
export async function retryTarget(
  db: Db,
  type: DataStoreResourceType,
  row: { id: string; status: string },
  what: string,
): Promise<{ operation: DataStoreOperation } | { error: UserError }> {
  if (row.status !== 'FAILED') {
    const message = `Only a FAILED ${what} can be retried (it is ${row.status}).`;
    return { error: userError('id', message, UserErrorCode.INVALID_STATE) };
  }
  const delegate = (db as unknown as Record<string, LastOperationDelegate>)[ASYNC_RESOURCES[type]]!;
  const { lastOperation } = await delegate.findUniqueOrThrow({
    where: { id: row.id },
    select: { lastOperation: true },
  });
  return { operation: retryOperation(lastOperation) };
}
