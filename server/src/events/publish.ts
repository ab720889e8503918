import type { DbTx, Db, EventKind, ResourceStatus } from '../db/index.js';
import { EVENTS_CHANNEL } from './channel.js';
import { epochNow, recordCommit, TRACE_EVENTS } from './trace.js';

/** Which brand and tenant an event belongs to: what authorization filters on. */
export interface EventOwner {
  brandId: string | null;
  tenantId: string | null;
}

export interface EventInput extends EventOwner {
  resourceType: string;
  resourceId: string;
  kind: EventKind;
  status?: ResourceStatus | null;
  step?: string | null;
  stepState?: 'STARTED' | 'SUCCEEDED' | 'FAILED' | null;
  message?: string | null;
}

/** An event's row as written. */
const rowOf = (input: EventInput) => ({
  brandId: input.brandId,
  tenantId: input.tenantId,
  resourceType: input.resourceType,
  resourceId: input.resourceId,
  kind: input.kind,
  status: input.status ?? null,
  step: input.step ?? null,
  stepState: input.stepState ?? null,
  message: input.message ?? null,
});

/** Advisory lock key serializing event writers (arbitrary constant, "hp_events"). */
const EVENT_WRITER_LOCK = 0x68705f65;

/**
 * Appends an event inside the caller's transaction and rings the doorbell. NOTIFY is delivered
 * only on commit, so a listener never sees a cursor whose row is not yet visible.
 *
 * The transaction-scoped advisory lock makes cursor order equal commit order: without it a
 * reader could see cursor 11 committed before 10 and skip 10 for good. Event-writing
 * transactions are short, so serializing them costs little at control-plane volumes.
 */
export async function appendEvent(tx: DbTx, input: EventInput): Promise<bigint> {
  const appending = TRACE_EVENTS ? epochNow() : 0;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_WRITER_LOCK})`;
  const locked = TRACE_EVENTS ? epochNow() : 0;
  const event = await tx.event.create({ data: rowOf(input), select: { cursor: true } });
  const inserted = TRACE_EVENTS ? epochNow() : 0;
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${event.cursor.toString()})`;
  if (TRACE_EVENTS) recordCommit(event.cursor, { appending, locked, inserted, notifyQueued: epochNow() });
  return event.cursor;
}

/**
 * Appends many events at once inside the caller's transaction (one insert, one doorbell for the
 * newest cursor: the hub reads every event after the last it saw, so each is delivered).
 */
export async function appendEvents(tx: DbTx, inputs: readonly EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${EVENT_WRITER_LOCK})`;
  const rows = await tx.event.createManyAndReturn({ data: inputs.map(rowOf), select: { cursor: true } });
  const newest = rows.reduce((max, r) => (r.cursor > max ? r.cursor : max), 0n);
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${newest.toString()})`;
}

/** A standalone event (a workflow step): its own short transaction. */
export async function publishEvent(db: Db, input: EventInput): Promise<bigint> {
  return db.$transaction((tx) => appendEvent(tx, input));
}
