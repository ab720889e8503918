// Merges the API's events into the normalized cache. A STATUS event is the newest word on an
// object's status: it is remembered per resource (in cursor order, so a replay never moves a
// status backwards) in a reactive variable, and the cache's status fields read through it. A
// query or mutation answer written later — possibly computed before the event — therefore
// cannot roll a badge back, and every view reading the status re-renders when it changes.
// Every event also joins its object's `events` list (the progress view).
import { makeVar, type ApolloCache, type FieldPolicy, type TypePolicies } from '@apollo/client';
import type { ResourceEventFieldsFragment } from '@/generated/graphql';

type Listener = (event: ResourceEventFieldsFragment) => void;
type StoredEvent = ResourceEventFieldsFragment & { __typename?: 'ResourceEvent' };
interface LatestStatus {
  cursor: bigint;
  status: string;
  message: string | null;
}

/**
 * When the benchmark (e2e/src/bench/web.ts) set it before the panel loaded: each event's cursor and
 * the moment it was in the cache. Absent, an event costs one property read here.
 */
interface TraceSink {
  push(entry: { cursor: string; at: number }): void;
}
const traceSink = () => (globalThis as { __hostplaneEventTrace?: TraceSink }).__hostplaneEventTrace;

const listeners = new Set<Listener>();
const latest = makeVar<ReadonlyMap<string, LatestStatus>>(new Map());
const delivered = new Set<string>();
const DELIVERED_MEMORY = 10_000;

/** Types whose status changes asynchronously (their events carry resourceType = typename). */
export const ASYNC_TYPES = [
  'Tenant',
  'Webroot',
  'Fqdn',
  'Database',
  'DatabaseUser',
  'DatabaseAccessRule',
  'ValkeyInstance',
  'ValkeyUser',
  'EgressRule',
  'SshKey',
  'DnsZone',
  'DnsRecord',
  'Certificate',
  'CronJob',
  'Daemon',
  'MailDomain',
  'Mailbox',
  'MailAlias',
];

/** Field policies making status fields read the newest STATUS event seen, when there is one. */
export function liveStatusPolicies(): TypePolicies {
  const newest = (readField: (name: string) => unknown) => latest().get(String(readField('id')));
  const fields: Record<string, FieldPolicy> = {
    status: { read: (existing, { readField }) => newest(readField)?.status ?? existing },
    statusMessage: {
      read: (existing, { readField }) => {
        const seen = newest(readField);
        if (!seen) return existing;
        if (seen.status === 'FAILED') return seen.message ?? existing;
        // An ACTIVE resource may carry a note too (a cron job disabled after its failures).
        return seen.status === 'ACTIVE' ? seen.message : null;
      },
    },
    suspendReason: {
      read: (existing, { readField }) => {
        const seen = newest(readField);
        // The SUSPENDED event may carry no reason: the suspend mutation stored it already.
        return seen?.status === 'SUSPENDED' ? (seen.message ?? existing) : existing;
      },
    },
  };
  return Object.fromEntries(ASYNC_TYPES.map((type) => [type, { fields }]));
}

/** Called once per event after it reached the cache (lists refetch on CREATED/DELETED). */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function applyEvent(cache: ApolloCache, event: ResourceEventFieldsFragment): void {
  const cursor = BigInt(event.cursor);
  const previous = latest().get(event.resourceId);
  if (event.kind === 'STATUS' && event.status && (!previous || cursor > previous.cursor)) {
    latest(new Map(latest()).set(event.resourceId, { cursor, status: event.status, message: event.message }));
  }

  const id = cache.identify({ __typename: event.resourceType, id: event.resourceId });
  if (id) {
    cache.modify({
      id,
      fields: {
        // Events have no id (keyFields: false), so the list holds plain objects, never References.
        events: (existing) => insertByCursor((existing ?? []) as readonly StoredEvent[], event),
      },
    });
  }
  traceSink()?.push({ cursor: event.cursor, at: performance.timeOrigin + performance.now() });
  if (delivered.has(event.cursor)) return;
  if (delivered.size >= DELIVERED_MEMORY) delivered.clear();
  delivered.add(event.cursor);
  for (const listener of listeners) listener(event);
}

/** The list with `event` in its place, newest first; unchanged when it is already there. */
function insertByCursor(existing: readonly StoredEvent[], event: ResourceEventFieldsFragment): readonly StoredEvent[] {
  if (existing.some((item) => item.cursor === event.cursor)) return existing;
  const cursor = BigInt(event.cursor);
  const at = existing.findIndex((item) => BigInt(item.cursor) < cursor);
  const stored: StoredEvent = { __typename: 'ResourceEvent', ...event };
  return at === -1 ? [...existing, stored] : [...existing.slice(0, at), stored, ...existing.slice(at)];
}

/** Forget what was applied (logout): the next session starts from a fresh cache. */
export function resetLiveEvents(): void {
  latest(new Map());
  delivered.clear();
}
