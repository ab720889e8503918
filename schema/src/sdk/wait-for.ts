import type { HostplaneClient } from './client.js';
import { HostplaneApiError } from './errors.js';
import {
  EventsDocument,
  GetResourceStateDocument,
  type GetResourceStateQuery,
  type ResourceEventFieldsFragment,
} from './generated/graphql.js';
import type { ResourceStatus } from './generated/schema-types.js';

/** The types `waitFor` can follow: every `node` that has a status (an async resource). */
export type AsyncResourceType = Extract<GetResourceStateQuery['node'], { status: ResourceStatus }>['__typename'];

/** How `waitFor` waits. */
export interface WaitForOptions {
  /** Give up (reject) after this long; default 60 s. */
  timeoutMs?: number;
  /** Called with each new event (status changes and workflow steps) as it arrives. */
  onEvent?: (event: ResourceEventFieldsFragment) => void;
}

/** Where `waitFor` ended. */
export interface WaitForResult {
  /** The resource's type, e.g. `Webroot`; null when it was gone already (awaited DELETED). */
  type: AsyncResourceType | null;
  /** The status reached: one of those asked for. */
  status: ResourceStatus;
  /** Why, for FAILED (the final event's message, or the resource's `statusMessage`). */
  statusMessage: string | null;
  /** Every event seen after the first read, in cursor order (empty when already there). */
  events: ResourceEventFieldsFragment[];
}

/** A resource that did not reach the statuses in time; its events so far say how far it got. */
export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';

  constructor(
    readonly id: string,
    readonly statuses: readonly ResourceStatus[],
    readonly events: readonly ResourceEventFieldsFragment[],
    timeoutMs: number,
  ) {
    super(
      `${id} did not reach ${statuses.join('/')} in ${timeoutMs} ms; last events: ${JSON.stringify(events.slice(-6))}`,
    );
  }
}

interface Start {
  type: AsyncResourceType | null;
  status: ResourceStatus;
  statusMessage: string | null;
  cursor: string;
}

/**
 * The resource's status and an event cursor from no later than that status. A resource that is
 * gone (NOT_FOUND) counts as DELETED when DELETED is awaited: a deleted row may no longer be readable.
 *
 * Two reads, cursor first: within one query the API reads the row before its events, so a status
 * change committed between the two would come with a cursor past its own event — the wait would
 * then skip it and never end. Read in this order, such an event is after the cursor and replayed.
 */
async function readStart(client: HostplaneClient, id: string, statuses: readonly ResourceStatus[]): Promise<Start> {
  try {
    const before = await client.query(GetResourceStateDocument, { id });
    const { node } = await client.query(GetResourceStateDocument, { id });
    if (!('status' in node) || !('events' in before.node)) {
      throw new Error(`${id} is a ${node.__typename}, which has no status to wait for.`);
    }
    // Every async resource has its CREATED event; '0' (replay all of its events) is the safe fallback.
    const cursor = before.node.events[0]?.cursor ?? '0';
    return { type: node.__typename, status: node.status, statusMessage: node.statusMessage ?? null, cursor };
  } catch (error) {
    const gone = error instanceof HostplaneApiError && error.code === 'NOT_FOUND' && statuses.includes('DELETED');
    if (!gone) throw error;
    return { type: null, status: 'DELETED', statusMessage: null, cursor: '0' };
  }
}

/**
 * Waits until the async resource `id` (a tenant, webroot, FQDN, database, database user, access
 * rule, Valkey instance or user — any `node` with a status) has one of `statuses`, following its
 * events over the `events` subscription.
 *
 * Race-free without polling: the resource is read first (a status already in `statuses` returns
 * at once), then the subscription starts `after` an event cursor read before that status, so the
 * server replays anything committed since. Events repeated on a reconnect are dropped by cursor.
 * Rejects with the subscription's `HostplaneApiError`, or a `WaitForTimeoutError`.
 */
export async function waitFor(
  client: HostplaneClient,
  id: string,
  statuses: readonly ResourceStatus[],
  options: WaitForOptions = {},
): Promise<WaitForResult> {
  const { timeoutMs = 60_000, onEvent } = options;
  const start = await readStart(client, id, statuses);
  if (statuses.includes(start.status)) {
    return { type: start.type, status: start.status, statusMessage: start.statusMessage, events: [] };
  }

  const events: ResourceEventFieldsFragment[] = [];
  const seen = new Set<string>();
  return new Promise<WaitForResult>((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      stop();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new WaitForTimeoutError(id, statuses, events, timeoutMs))),
      timeoutMs,
    );
    const stop = client.subscribe(
      EventsDocument,
      { after: start.cursor, filter: { resourceIds: [id] } },
      ({ events: event }) => {
        if (seen.has(event.cursor)) return;
        seen.add(event.cursor);
        events.push(event);
        onEvent?.(event);
        const { status } = event;
        if (event.kind === 'STATUS' && status && statuses.includes(status)) {
          const statusMessage = event.message ?? (status === start.status ? start.statusMessage : null);
          finish(() => resolve({ type: start.type, status, statusMessage, events }));
        }
      },
      (error) => finish(() => reject(error)),
    );
  });
}
