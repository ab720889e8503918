// The operation protocol every async resource below the tenant shares (webroots, FQDNs,
// databases, their users and rules, Valkey instances and users): a guarded move to PENDING or
// DELETING, then its workflow, and the userErrors when either is refused.
import { userError, UserErrorCode, type UserError } from '@hostplane/schema';
import type { Db, ResourceStatus } from '../db/index.js';
import type { ServiceDeps } from '../services.js';
import { setResourceStatus, type AsyncResourceType, type StatusChange } from './status.js';

export interface OperationStart {
  type: AsyncResourceType;
  id: string;
  operation: string;
  /** A delete or unbind: the resource goes DELETING rather than PENDING. */
  removal: boolean;
  /** The statuses the operation may start from: a resource busy in a workflow is refused. */
  expectFrom: ResourceStatus[];
  /** Columns written with the move (computed in its transaction, e.g. a port allocated under a lock). */
  data?: StatusChange['data'];
}

/**
 * Moves the resource to PENDING (DELETING for a removal) with `data`, clearing the last failure,
 * only from an `expectFrom` status: row, STATUS event and NOTIFY in one transaction, so of two
 * concurrent submits exactly one proceeds. False when refused; nothing is written then.
 */
export function beginOperation(db: Db, start: OperationStart): Promise<boolean> {
  return setResourceStatus(db, {
    resourceType: start.type,
    resourceId: start.id,
    status: start.removal ? 'DELETING' : 'PENDING',
    statusMessage: null,
    lastOperation: start.operation,
    expectFrom: start.expectFrom,
    ...(start.data ? { data: start.data } : {}),
  });
}

export interface WorkflowRun {
  type: AsyncResourceType;
  id: string;
  operation: string;
  workflowName: string;
  workflowId: string;
  /** The workflow's argument; `{ id }` unless given. */
  input?: Record<string, unknown>;
}

/**
 * Starts the operation's workflow; if Temporal refuses, the resource lands FAILED (with Temporal's
 * reason) so it can be retried. True when the workflow started.
 */
export async function startOperationWorkflow(deps: ServiceDeps, run: WorkflowRun): Promise<boolean> {
  const outcome = await deps.workflows.start(run.workflowName, run.workflowId, run.input ?? { id: run.id });
  if (outcome.started) return true;
  deps.logger.error(
    { resourceType: run.type, resourceId: run.id, operation: run.operation, reason: outcome.message },
    'workflow not started',
  );
  await setResourceStatus(deps.db, {
    resourceType: run.type,
    resourceId: run.id,
    status: 'FAILED',
    statusMessage: outcome.message,
  });
  return false;
}

/** The userError for an operation refused because of the resource's current status. */
export function refusedInState(what: string, operation: string, status: string): UserError {
  // A create or bind is only ever re-run, from FAILED.
  const verb = operation === 'CREATE' || operation === 'BIND' ? 'retry' : operation.toLowerCase();
  const article = /^(FQDN|[aeio])/i.test(what) ? 'an' : 'a';
  return userError('id', `Cannot ${verb} ${article} ${what} that is ${status}.`, UserErrorCode.INVALID_STATE);
}
