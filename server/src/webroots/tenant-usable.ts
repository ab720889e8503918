import { userError, UserErrorCode, type UserError } from '@hostplane/schema';
import type { Db, DbTx, ResourceStatus } from '../db/index.js';
import { beginOperation, startOperationWorkflow } from '../events/operations.js';
import type { ServiceDeps } from '../services.js';
import {
  fqdnWorkflowId,
  fqdnWorkflowName,
  webrootWorkflowId,
  webrootWorkflowName,
  type FqdnOperation,
  type WebrootOperation,
} from '../temporal/contract.js';

export type WebOperation =
  { type: 'Webroot'; operation: WebrootOperation } | { type: 'Fqdn'; operation: FqdnOperation };

/** Which statuses an operation may start from: a resource busy in a workflow is refused. */
const STARTS_FROM: Record<string, ResourceStatus[]> = {
  'Webroot CREATE': ['FAILED'],
  'Webroot UPDATE': ['ACTIVE', 'FAILED'],
  'Webroot DELETE': ['ACTIVE', 'FAILED', 'SUSPENDED'],
  'Fqdn BIND': ['FAILED'],
  'Fqdn UNBIND': ['ACTIVE', 'FAILED'],
};

/**
 * Moves a webroot or FQDN to PENDING (DELETING for a removal) for `op` (see `beginOperation`);
 * `data` is computed inside the transaction, e.g. an app port allocated under its lock.
 */
export function beginWebOperation(
  db: Db,
  op: WebOperation,
  id: string,
  options: { data?: (tx: DbTx) => Promise<Record<string, unknown>>; expectFrom?: ResourceStatus[] } = {},
): Promise<boolean> {
  return beginOperation(db, {
    type: op.type,
    id,
    operation: op.operation,
    removal: op.operation === 'DELETE' || op.operation === 'UNBIND',
    expectFrom: options.expectFrom ?? STARTS_FROM[`${op.type} ${op.operation}`]!,
    ...(options.data ? { data: options.data } : {}),
  });
}

/** Starts the operation's workflow; if Temporal refuses, the resource lands FAILED so it can be retried. */
export async function startWebWorkflow(deps: ServiceDeps, op: WebOperation, id: string): Promise<void> {
  const [workflowName, workflowId] =
    op.type === 'Webroot'
      ? [webrootWorkflowName[op.operation], webrootWorkflowId(op.operation, id)]
      : [fqdnWorkflowName[op.operation], fqdnWorkflowId(op.operation, id)];
  await startOperationWorkflow(deps, { type: op.type, id, operation: op.operation, workflowName, workflowId });
}

/** Tenant statuses a webroot may be created or changed, or an FQDN bound, in. */
export const TENANT_USABLE: readonly string[] = ['PENDING', 'PROVISIONING', 'ACTIVE'];

/** The userError when the tenant is suspended, failed or going: nothing may be added to it. */
export function tenantUnusable(field: string, tenant: { name: string; status: string }): UserError | null {
  if (TENANT_USABLE.includes(tenant.status)) return null;
  return userError(field, `Tenant ${tenant.name} is ${tenant.status}.`, UserErrorCode.INVALID_STATE);
}
