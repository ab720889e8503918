import { UserErrorCode, userError, type UserError } from '@hostplane/schema';
import type { Db, ResourceStatus } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import { ASYNC_RESOURCES, ownerOf, setResourceStatus } from '../events/status.js';
import type { ServiceDeps } from '../services.js';
import {
  dataStoreWorkflowId,
  dataStoreWorkflowName,
  type DataStoreOperation,
  type DataStoreResourceType,
} from '../temporal/contract.js';

interface UpdateManyDelegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
}

/** Which statuses an operation may start from (a resource busy in a workflow is refused). */
export const STARTS_FROM: Record<DataStoreOperation, ResourceStatus[]> = {
  CREATE: ['FAILED'],
  UPDATE: ['ACTIVE', 'FAILED'],
  DELETE: ['ACTIVE', 'FAILED', 'SUSPENDED'],
  MIGRATE: ['ACTIVE'],
};

/**
 * Moves a resource to PENDING (DELETING for a delete) for `operation`, writing `data` with it,
 * only if its status is one the operation may start from: row, STATUS event and NOTIFY in one
 * transaction, so of two concurrent submits exactly one proceeds. False when refused.
 */
export async function beginOperation(
  db: Db,
  type: DataStoreResourceType,
  id: string,
  operation: DataStoreOperation,
  data: Record<string, unknown> = {},
  expectFrom: ResourceStatus[] = STARTS_FROM[operation],
): Promise<boolean> {
  const status: ResourceStatus = operation === 'DELETE' ? 'DELETING' : 'PENDING';
  return db.$transaction(async (tx) => {
    const delegate = (tx as unknown as Record<string, UpdateManyDelegate>)[ASYNC_RESOURCES[type]]!;
    const { count } = await delegate.updateMany({
      where: { id, status: { in: expectFrom } },
      data: { ...data, status, statusMessage: null, lastOperation: operation },
    });
    if (count === 0) return false;
    await appendEvent(tx, { ...(await ownerOf(tx, type, id)), resourceType: type, resourceId: id, kind: 'STATUS', status });
    return true;
  });
}

/** Starts the operation's workflow; if Temporal refuses, the resource lands FAILED so it can be retried. */
export async function startWorkflow(
  deps: ServiceDeps,
  type: DataStoreResourceType,
  id: string,
  operation: DataStoreOperation,
): Promise<void> {
  const name = dataStoreWorkflowName[type][operation];
  if (!name) throw new Error(`${type} has no ${operation} workflow`);
  const outcome = await deps.workflows.start(name, dataStoreWorkflowId(type, operation, id), { id });
  if (outcome.started) return;
  deps.logger.error({ resourceType: type, resourceId: id, operation, reason: outcome.message }, 'workflow not started');
  await setResourceStatus(deps.db, { resourceType: type, resourceId: id, status: 'FAILED', statusMessage: outcome.message });
}

/** The userError for an operation refused because of the resource's current status. */
export function invalidState(what: string, operation: DataStoreOperation, status: string): UserError {
  const verb = operation === 'CREATE' ? 'retry' : operation.toLowerCase();
  return userError('id', `Cannot ${verb} a ${what} that is ${status}.`, UserErrorCode.INVALID_STATE);
}

/** What `retry…` re-runs: the last operation, from FAILED only. */
export function retryOperation(lastOperation: string): DataStoreOperation {
  return (['CREATE', 'UPDATE', 'DELETE', 'MIGRATE'] as const).find((o) => o === lastOperation) ?? 'CREATE';
}
