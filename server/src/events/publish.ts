import type { DbTx, Db, EventKind, ResourceStatus } from '../db/index.js';
import { EVENTS_CHANNEL } from './channel.js';

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

/**
 * Appends an event inside the caller's transaction and rings the doorbell. NOTIFY is delivered
 * only on commit, so a listener never sees a cursor whose row is not yet visible.
 */
export async function appendEvent(tx: DbTx, input: EventInput): Promise<bigint> {
  const event = await tx.event.create({
    data: {
      brandId: input.brandId,
      tenantId: input.tenantId,
      resourceType: input.resourceType,
      resourceId: input.resourceId,
      kind: input.kind,
      status: input.status ?? null,
      step: input.step ?? null,
      stepState: input.stepState ?? null,
      message: input.message ?? null,
    },
    select: { cursor: true },
  });
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${event.cursor.toString()})`;
  return event.cursor;
}

/** A standalone event (a workflow step): its own short transaction. */
export async function publishEvent(db: Db, input: EventInput): Promise<bigint> {
  return db.$transaction((tx) => appendEvent(tx, input));
}
