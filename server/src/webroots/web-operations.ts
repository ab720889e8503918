import { userError, UserErrorCode, type UserError } from '@hostplane/schema';
import type { Db, DbTx, ResourceStatus } from '../db/index.js';
import { appendEvent } from '../events/publish.js';
import { ownerOf, setResourceStatus } from '../events/status.js';
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

const isRemoval = (op: WebOperation) => op.operation === 'DELETE' || op.operation === 'UNBIND';

interface UpdateManyDelegate {
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
}

/**
 * Moves a webroot or FQDN to PENDING (DELETING for a removal) for `op`, writing `data` with it
 * (computed inside the transaction, e.g. an app port allocated under its lock), only from a
 * status the operation may start from; row, STATUS event and NOTIFY in one transaction, so of
 * two concurrent submits exactly one proceeds. False when refused; nothing is written then.
 */
export async function beginWebOperation(
  db: Db,
  op: WebOperation,
  id: string,
  options: {
    data?: (tx: DbTx) => Promise<Record<string, unknown>>;
    expectFrom?: ResourceStatus[];
  } = {},
): Promise<boolean> {
  const status: ResourceStatus = isRemoval(op) ? 'DELETING' : 'PENDING';
  return db.$transaction(async (tx) => {
    const data = (await options.data?.(tx)) ?? {};
    const model = (op.type === 'Webroot' ? tx.webroot : tx.fqdn) as unknown as UpdateManyDelegate;
    const { count } = await model.updateMany({
      where: {
        id,
        status: { in: options.expectFrom ?? STARTS_FROM[`${op.type} ${op.operation}`]! },
      },
      data: { ...data, status, statusMessage: null, lastOperation: op.operation },
    });
    if (count === 0) return false;
    await appendEvent(tx, {
      ...(await ownerOf(tx, op.type, id)),
      resourceType: op.type,
      resourceId: id,
      kind: 'STATUS',
      status,
    });
    return true;
  });
}

/** Starts the operation's workflow; if Temporal refuses, the resource lands FAILED so it can be retried. */
export async function startWebWorkflow(
  deps: ServiceDeps,
  op: WebOperation,
  id: string,
): Promise<void> {
  const [name, workflowId] =
    op.type === 'Webroot'
      ? [webrootWorkflowName[op.operation], webrootWorkflowId(op.operation, id)]
      : [fqdnWorkflowName[op.operation], fqdnWorkflowId(op.operation, id)];
  const outcome = await deps.workflows.start(name, workflowId, { id });
  if (outcome.started) return;
  deps.logger.error(
    { resourceType: op.type, resourceId: id, operation: op.operation, reason: outcome.message },
    'workflow not started',
  );
  await setResourceStatus(deps.db, {
    resourceType: op.type,
    resourceId: id,
    status: 'FAILED',
    statusMessage: outcome.message,
  });
}

/** The userError for an operation refused because of the resource's current status. */
export function refusedInState(what: string, op: WebOperation, status: string): UserError {
  const verb =
    op.operation === 'CREATE' || op.operation === 'BIND' ? 'retry' : op.operation.toLowerCase();
  return userError(
    'id',
    `Cannot ${verb} a${what === 'FQDN' ? 'n' : ''} ${what} that is ${status}.`,
    UserErrorCode.INVALID_STATE,
  );
}

/** Tenant statuses a webroot may be created or changed, or an FQDN bound, in. */
export const TENANT_USABLE: readonly string[] = ['PENDING', 'PROVISIONING', 'ACTIVE'];

/** The userError when the tenant is suspended, failed or going: nothing may be added to it. */
export function tenantUnusable(
  field: string,
  tenant: { name: string; status: string },
): UserError | null {
  if (TENANT_USABLE.includes(tenant.status)) return null;
  return userError(
    field,
    `Tenant ${tenant.name} is ${tenant.status}.`,
    UserErrorCode.INVALID_STATE,
  );
}
