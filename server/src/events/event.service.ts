import DataLoader from 'dataloader';
import { badInput, type EventRecord, type EventsArgs, type EventsPort, type Viewer } from '@hostplane/schema';
import type { ServiceDeps } from '../services.js';
import { canSeeEvent, decodeEventFilter, matchesFilter, type DecodedEventFilter } from './event-access.js';
import { EventQueue, MAX_BUFFERED, tooSlow } from './event-queue.js';
import { epochNow, TRACE_EVENTS, withSubscriberStamps } from './trace.js';

const REPLAY_BATCH = 500;

function parseAfter(after: string | null | undefined): bigint | null {
  if (after === null || after === undefined || after === '') return null;
  if (!/^\d{1,19}$/.test(after)) throw badInput('after must be an event cursor.');
  return BigInt(after);
}

/** Subscriptions over the event spine, and the recent-history field on resources. */
export class EventService implements EventsPort {
  private readonly recent = new DataLoader<string, EventRecord[]>((keys) => this.loadRecent(keys));

  constructor(private readonly deps: ServiceDeps) {}

  subscribe(viewer: Viewer, args: EventsArgs): AsyncIterable<EventRecord> {
    const after = parseAfter(args.after);
    const filter = decodeEventFilter(args.filter);
    const visible = (e: EventRecord) => canSeeEvent(viewer, e) && matchesFilter(filter, e);
    const queue = new EventQueue<EventRecord>(() => unsubscribe());
    // Listen first and buffer, then replay from the table: nothing can fall between the two.
    let position = after ?? this.deps.events.cursor;
    let replaying = after !== null;
    const buffered: EventRecord[] = [];
    const unsubscribe = this.deps.events.subscribe((event) => {
      if (replaying) {
        // Live events wait here while history replays: bounded like the queue itself.
        if (buffered.length >= MAX_BUFFERED) queue.fail(tooSlow());
        else buffered.push(event);
      } else if (TRACE_EVENTS) {
        const started = epochNow();
        if (event.cursor <= position || !visible(event)) return;
        position = event.cursor;
        const authorized = epochNow();
        queue.push(withSubscriberStamps(event, authorized, authorized - started));
      } else if (event.cursor > position && visible(event)) {
        position = event.cursor;
        queue.push(event);
      }
    });
    if (replaying) {
      void this.replay(viewer, filter, position, queue, (event) => {
        position = event.cursor;
        if (visible(event)) queue.push(event);
      })
        .then(() => {
          for (const event of buffered) {
            if (event.cursor > position && visible(event)) queue.push(event);
            if (event.cursor > position) position = event.cursor;
          }
          buffered.length = 0;
          replaying = false;
        })
        .catch((error: unknown) => queue.fail(error as Error));
    }
    return queue;
  }

  async recentFor(viewer: Viewer, resourceType: string, resourceId: string, last: number) {
    if (last < 1 || last > 100) throw badInput('last must be between 1 and 100.');
    const events = await this.recent.load(`${last}:${resourceId}`);
    return events.filter((e) => e.resourceType === resourceType && canSeeEvent(viewer, e));
  }

  private async replay(
    viewer: Viewer,
    filter: DecodedEventFilter,
    from: bigint,
    queue: EventQueue<EventRecord>,
    emit: (e: EventRecord) => void,
  ): Promise<void> {
    const brands = viewer.brandFilter();
    let cursor = from;
    for (;;) {
      // The next batch only once the subscriber took most of the last one; none once it left.
      await queue.drained(REPLAY_BATCH);
      if (queue.closed) return;
      const rows = (await this.deps.db.event.findMany({
        where: {
          cursor: { gt: cursor },
          ...(brands ? { brandId: { in: brands } } : {}),
          ...(viewer.tenantId ? { tenantId: viewer.tenantId } : {}),
          ...(filter.resourceIds ? { resourceId: { in: filter.resourceIds.filter(isUuid) } } : {}),
        },
        orderBy: { cursor: 'asc' },
        take: REPLAY_BATCH,
      })) as EventRecord[];
      for (const row of rows) emit(row);
      if (rows.length < REPLAY_BATCH) return;
      cursor = rows.at(-1)!.cursor;
    }
  }

  /** Newest `last` events per resource, for a whole page of resources in one statement. */
  private async loadRecent(keys: readonly string[]): Promise<EventRecord[][]> {
    const byLimit = new Map<number, string[]>();
    for (const key of keys) {
      const [limit, id] = key.split(':') as [string, string];
      byLimit.set(Number(limit), [...(byLimit.get(Number(limit)) ?? []), id]);
    }
    const rows = new Map<string, EventRecord[]>();
    for (const [limit, ids] of byLimit) {
      const found = await this.deps.db.$queryRaw<EventRecord[]>`
        SELECT "cursor", "at", "brandId", "tenantId", "resourceType", "resourceId", "kind", "status",
               "step", "stepState", "message"
        FROM (SELECT e.*, row_number() OVER (PARTITION BY "resourceId" ORDER BY "cursor" DESC) AS rn
              FROM "Event" e WHERE "resourceId" = ANY(${ids.filter(isUuid)}::uuid[])) ranked
        WHERE rn <= ${limit} ORDER BY "cursor" DESC`;
      for (const row of found)
        rows.set(`${limit}:${row.resourceId}`, [...(rows.get(`${limit}:${row.resourceId}`) ?? []), row]);
    }
    return keys.map((k) => rows.get(k) ?? []);
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f-]{36}$/.test(value);
}
