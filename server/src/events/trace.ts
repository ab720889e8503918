// Timestamps along the path commit → NOTIFY → hub read → per-subscriber authorization →
// execution → socket, for the subscription benchmark (e2e/src/bench/subscriptions.ts). Off
// unless HOSTPLANE_TRACE_EVENTS=1: then each live event a subscriber receives carries its stamps
// in `extensions.trace`. Off, the hot path pays one boolean test per hop.

/** Read once at load: the API and the bench process (which commits events) both see it. */
export const TRACE_EVENTS = process.env.HOSTPLANE_TRACE_EVENTS === '1';

/** Epoch milliseconds with sub-millisecond precision: one clock for every process on a machine (and its browsers). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Stamps of one event in the API process (epoch ms), as a subscriber receives them. */
export interface EventStamps {
  /** The hub's doorbell rang (NOTIFY arrived) for the drain that read this event. */
  notified: number;
  /** That drain's read of the events table returned. */
  read: number;
  /** This subscriber's listener ran: its position in the fan-out. */
  authorized?: number;
  /** What this subscriber's authorization and filter took (ms). */
  authorizeMs?: number;
  /** The execution result was handed to graphql-ws (shared by subscribers that see the same). */
  executed?: number;
}

const hubStamps = new WeakMap<object, EventStamps>();

/** Records the hub's stamps of an event it read (tracing only). */
export function stampRead(event: object, notified: number, read: number): void {
  hubStamps.set(event, { notified, read });
}

const OWN = Symbol('hostplane.eventStamps');

/**
 * A subscriber's own view of a shared event, carrying its stamps: reads of the event's fields
 * fall through to the shared object, which `sharedEvent` returns for sharing work per event.
 */
export function withSubscriberStamps<T extends object>(event: T, authorized: number, authorizeMs: number): T {
  const view = Object.create(event) as T & { [OWN]: EventStamps };
  const hub = hubStamps.get(event) ?? { notified: NaN, read: NaN };
  view[OWN] = { ...hub, authorized, authorizeMs };
  return view;
}

/** The stamps a subscriber's view carries, if any. */
export function subscriberStamps(event: unknown): EventStamps | undefined {
  return typeof event === 'object' && event !== null && Object.hasOwn(event, OWN)
    ? (event as { [OWN]: EventStamps })[OWN]
    : undefined;
}

/** The event every subscriber shares (the object the hub read), for a per-subscriber view. */
export function sharedEvent<T>(event: T): T {
  return subscriberStamps(event) ? (Object.getPrototypeOf(event) as T) : event;
}

/** Stamps of a commit in the committing process (epoch ms), by cursor. */
export interface CommitStamps {
  /** appendEvent started (after the caller's own writes in the transaction). */
  appending: number;
  /** The event writers' advisory lock was granted. */
  locked: number;
  /** The event row was inserted. */
  inserted: number;
  /** pg_notify returned (delivered at commit). */
  notifyQueued: number;
}

const COMMITS_KEPT = 1_000;
const commits = new Map<string, CommitStamps>();

export function recordCommit(cursor: bigint, stamps: CommitStamps): void {
  commits.set(cursor.toString(), stamps);
  if (commits.size > COMMITS_KEPT) commits.delete(commits.keys().next().value!);
}

/** The stamps this process recorded while committing the event `cursor` (tracing only). */
export function commitStamps(cursor: bigint | string): CommitStamps | undefined {
  return commits.get(cursor.toString());
}
