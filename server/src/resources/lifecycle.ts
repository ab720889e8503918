// The operation protocol every async resource shares (DESIGN.md §5c), driven by the registry: a
// guarded move to PENDING or DELETING, then the operation's workflow; retry of a FAILED resource;
// and the userErrors when either is refused (payloads refuse with ../common/refuse.ts).
import { userError, UserErrorCode, type UserError, type Viewer } from '@hostplane/schema';
import type { Db, ResourceStatus } from '../db/index.js';
import type { ServiceDeps } from '../services.js';
import { resourceType, type AsyncResourceType, type OperationOf, type PayloadOf } from './registry.js';
import { setResourceStatus, type StatusChange } from './status.js';

export { refuse } from '../common/refuse.js';

export interface BeginOptions {
  /** Columns written with the move (a function runs in its transaction, e.g. a port allocated under a lock). */
  data?: StatusChange['data'] | undefined;
  /** Statuses to start from instead of the registry's (a retry starts from FAILED only). */
  expectFrom?: readonly ResourceStatus[] | undefined;
  /** A tenant's suspend reason, written with the move. */
  suspendReason?: string | undefined;
}

/**
 * Moves the resource to its operation's status (PENDING, or DELETING for a removal) with
 * `data`, clearing the last failure, only from an allowed status: row, STATUS event and NOTIFY in
 * one transaction, so of two concurrent submits exactly one proceeds. False when refused;
 * nothing is written then.
 */
export function beginOperation<T extends AsyncResourceType>(
  db: Db,
  type: T,
  id: string,
  operation: OperationOf<T>,
  options: BeginOptions = {},
): Promise<boolean> {
  const rule = resourceType(type).operations[operation];
  return setResourceStatus(db, {
    resourceType: type,
    resourceId: id,
    status: rule.to,
    statusMessage: null,
    lastOperation: operation,
    expectFrom: [...(options.expectFrom ?? rule.from)],
    ...(options.data ? { data: options.data } : {}),
    ...(options.suspendReason !== undefined ? { suspendReason: options.suspendReason } : {}),
  });
}

/**
 * Starts the operation's workflow; if Temporal refuses, the resource lands FAILED (with Temporal's
 * reason) so it can be retried. True when the workflow started.
 */
export async function startOperation<T extends AsyncResourceType>(
  deps: ServiceDeps,
  type: T,
  id: string,
  operation: OperationOf<T>,
): Promise<boolean> {
  const spec = resourceType(type);
  const { workflow } = spec.operations[operation];
  const outcome = await deps.workflows.start(workflow, spec.workflowId(operation, id), spec.input(id) as never);
  if (outcome.started) return true;
  deps.logger.error({ resourceType: type, resourceId: id, operation, reason: outcome.message }, 'workflow not started');
  await setResourceStatus(deps.db, {
    resourceType: type,
    resourceId: id,
    status: 'FAILED',
    statusMessage: outcome.message,
  });
  return false;
}

interface LastOperationDelegate {
  findUniqueOrThrow(args: {
    where: { id: string };
    select: { lastOperation: true };
  }): Promise<{ lastOperation: string }>;
}

/**
 * What `retry…` re-runs for a FAILED resource: its last operation (the type's first, its
 * create, when that is unknown). Any other status is the INVALID_STATE userError. Start the
 * operation from FAILED only.
 */
export async function retryTarget<T extends AsyncResourceType>(
  db: Db,
  type: T,
  row: { id: string; status: string },
): Promise<{ operation: OperationOf<T> } | { error: UserError }> {
  const spec = resourceType(type);
  if (row.status !== 'FAILED') {
    const message = `Only a FAILED ${spec.noun} can be retried (it is ${row.status}).`;
    return { error: userError('id', message, UserErrorCode.INVALID_STATE) };
  }
  const delegate = (db as unknown as Record<string, LastOperationDelegate>)[spec.model]!;
  const { lastOperation } = await delegate.findUniqueOrThrow({
    where: { id: row.id },
    select: { lastOperation: true },
  });
  const operations = Object.keys(spec.operations) as Array<OperationOf<T>>;
  return { operation: operations.find((o) => o === lastOperation) ?? operations[0]! };
}

/** The userError for an operation refused because of the resource's current status. */
export function refusedInState(type: AsyncResourceType, operation: string, status: string): UserError {
  const { noun } = resourceType(type);
  // A create or bind is only ever re-run, from FAILED.
  const verb = operation === 'CREATE' || operation === 'BIND' ? 'retry' : operation.toLowerCase();
  const article = /^(FQDN|[aeio])/i.test(noun) ? 'an' : 'a';
  return userError('id', `Cannot ${verb} ${article} ${noun} that is ${status}.`, UserErrorCode.INVALID_STATE);
}

/** A mutation payload of resource type `T` carrying `R`. */
export type Payload<T extends AsyncResourceType, R> = { [K in PayloadOf<T>]: R | null } & { userErrors: UserError[] };

/** How a service finds one of its resources for an operation. */
export interface ResourceAccess<Row> {
  /** The scope every operation requires, e.g. "databases:write". */
  scope: string;
  /** The row by its global id, or null when it is missing or not visible to the viewer. */
  find(viewer: Viewer, id: string): Promise<Row | null>;
  /** The NOT_FOUND message, e.g. "Database not found.". */
  notFound: string;
}

/**
 * The protocol of one resource type bound to a service: `load` reads the record a payload
 * returns, `access` finds a row for an operation. Every service runs its operations through
 * this, so a guarded move, its workflow, a retry and a refusal read the same everywhere.
 */
export function lifecycleOf<T extends AsyncResourceType, R, Row extends { id: string; status: string }>(
  deps: ServiceDeps,
  type: T,
  load: (id: string) => Promise<R>,
  access: ResourceAccess<Row>,
) {
  const { payload } = resourceType(type);
  const answer = (value: R | null, userErrors: UserError[]) => ({ [payload]: value, userErrors }) as Payload<T, R>;
  const kit = {
    /** The NOT_FOUND payload. */
    notFound: (field = 'id') => answer(null, [userError(field, access.notFound, UserErrorCode.NOT_FOUND)]),
    /** Requires the scope and finds the row, or answers NOT_FOUND. */
    async find(viewer: Viewer, id: string): Promise<{ row: Row } | { refused: Payload<T, R> }> {
      viewer.require(access.scope);
      const row = await access.find(viewer, id);
      return row ? { row } : { refused: kit.notFound() };
    },
    /** Starts the workflow of an operation already begun (e.g. a fresh insert's CREATE) and answers the record. */
    async started(id: string, operation: OperationOf<T>): Promise<Payload<T, R>> {
      await startOperation(deps, type, id, operation);
      return answer(await load(id), []);
    },
    /** The guarded move for `operation`, then its workflow; the INVALID_STATE userError when refused. */
    async operate(row: { id: string; status: string }, operation: OperationOf<T>, options: BeginOptions = {}) {
      if (!(await beginOperation(deps.db, type, row.id, operation, options))) {
        return answer(null, [refusedInState(type, operation, row.status)]);
      }
      return kit.started(row.id, operation);
    },
    /** `operate` on the row with this global id (delete, unbind, …), after the scope and visibility checks. */
    async operateById(viewer: Viewer, id: string, operation: OperationOf<T>): Promise<Payload<T, R>> {
      const found = await kit.find(viewer, id);
      return 'refused' in found ? found.refused : kit.operate(found.row, operation);
    },
    /** Re-runs the last operation of the FAILED resource with this global id; INVALID_STATE otherwise. */
    async retry(viewer: Viewer, id: string): Promise<Payload<T, R>> {
      const found = await kit.find(viewer, id);
      if ('refused' in found) return found.refused;
      const target = await retryTarget(deps.db, type, found.row);
      if ('error' in target) return answer(null, [target.error]);
      return kit.operate(found.row, target.operation, { expectFrom: ['FAILED'] });
    },
  };
  return kit;
}
