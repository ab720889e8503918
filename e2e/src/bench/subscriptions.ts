import { randomUUID } from 'node:crypto';
import { createDb } from '@hostplane/server/db';
import { commitStamps, epochNow, publishEvent, TRACE_EVENTS, type EventStamps } from '@hostplane/server/events';
import { CreateApiKeyDocument } from '@hostplane/schema/sdk';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { repoRoot } from '@hostplane/scripts/lib';
import { adminClient } from './admin-client.js';
import { HEAP_SNAPSHOTS, liveHeapMiB } from './heap.js';
import { Hops } from './hops.js';
import { cpuMs, load, ms, percentile, report, rssMiB } from './stats.js';

const SUBSCRIBERS = 1_000;
const EVENTS = 50;
/** The API's cap of open operations per key (server/src/http/websocket.ts): subscribers share keys. */
const SUBSCRIBERS_PER_KEY = 100;
/** After subscribing, how long the API is left idle before its memory is read again (V8 shrinks its heap when idle). */
const IDLE_MS = 10_000;

const SUBSCRIPTION = `subscription Watch($ids: [ID!]) { events(filter: { resourceIds: $ids }) { cursor } }`;

interface Arrival {
  at: number;
  trace: EventStamps | undefined;
}

/**
 * (3) commit → subscriber latency with 1,000 graphql-ws subscriptions on one API process, and
 * the API's memory per subscription. Events are committed straight through the event spine
 * (publishEvent: insert + NOTIFY in one transaction), so the clock starts at commit. With
 * HOSTPLANE_TRACE_EVENTS=1 (scripts/bench.mjs sets it) each delivery carries the API's stamps
 * (server/src/events/trace.ts) and the figure is split hop by hop.
 */
export async function benchSubscriptions(env: {
  databaseUrl: string;
  apiUrl: string;
  wsUrl: string;
  adminKey: string;
  apiPid: number;
}) {
  const db = createDb(env.databaseUrl, { max: 2 });
  const resourceId = randomUUID();
  const globalId = Buffer.from(`Tenant:${resourceId}`).toString('base64url');
  const keys = await platformKeys(env, SUBSCRIBERS / SUBSCRIBERS_PER_KEY);
  const rssBefore = await rssMiB(env.apiPid);
  const arrivals = new Map<string, Arrival[]>();
  const clients = await subscribeAll(env.wsUrl, keys, globalId, (cursor, arrival) => {
    let list = arrivals.get(cursor);
    if (!list) arrivals.set(cursor, (list = []));
    list.push(arrival);
  });
  await new Promise((r) => setTimeout(r, 1_000)); // let every subscribe reach the hub
  const rssAfter = await rssMiB(env.apiPid);
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rssIdle = await rssMiB(env.apiPid);

  const hops = new Hops();
  const latencies: number[] = [];
  const loadDuring = load();
  const apiCpuBefore = await cpuMs(env.apiPid);
  const benchCpuBefore = process.cpuUsage();
  for (let i = 0; i < EVENTS; i++) {
    const start = epochNow();
    const cursor = await publishEvent(db, {
      brandId: null,
      tenantId: null,
      resourceType: 'Tenant',
      resourceId,
      kind: 'UPDATED',
    });
    const committed = epochNow();
    const key = cursor.toString();
    const deadline = performance.now() + 10_000;
    while ((arrivals.get(key)?.length ?? 0) < SUBSCRIBERS && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    const stamps = commitStamps(cursor);
    hops.add('commit (update + event insert + NOTIFY)', committed - start);
    if (stamps) {
      hops.add('  BEGIN + advisory lock', stamps.locked - start);
      hops.add('  event insert', stamps.inserted - stamps.locked);
      hops.add('  pg_notify', stamps.notifyQueued - stamps.inserted);
      hops.add('  COMMIT', committed - stamps.notifyQueued);
    }
    for (const { at, trace } of arrivals.get(key) ?? []) {
      latencies.push(at - committed);
      if (!trace) continue;
      hops.add('commit returned → hub doorbell (NOTIFY)', trace.notified - committed);
      hops.add('hub read of the events table', trace.read - trace.notified);
      hops.add('fan-out: wait for its turn + authorization', trace.authorized! - trace.read);
      hops.add('  authorization + filter itself', trace.authorizeMs!);
      hops.add('execution (shared per operation/visibility)', trace.executed! - trace.authorized!);
      hops.add('serialize + socket write → client receipt', at - trace.executed!);
    }
  }
  const delivered = latencies.length;
  const apiCpu = (await cpuMs(env.apiPid)) - apiCpuBefore;
  const { user, system } = process.cpuUsage(benchCpuBefore);
  const benchCpu = (user + system) / 1000;
  const heapOpen = HEAP_SNAPSHOTS ? await liveHeapMiB(env.apiPid, repoRoot) : NaN;
  await Promise.all(clients.map((c) => c.dispose()));
  await db.$disconnect();
  await new Promise((r) => setTimeout(r, 2_000)); // every socket's close handled
  const heapClosed = HEAP_SNAPSHOTS ? await liveHeapMiB(env.apiPid, repoRoot) : NaN;
  const perSub = (mib: number) => `${((mib * 1024) / SUBSCRIBERS).toFixed(1)} KiB`;
  report(`commit → subscriber, ${SUBSCRIBERS} graphql-ws subscriptions, ${EVENTS} events`, [
    ['deliveries (expected)', `${delivered} (${SUBSCRIBERS * EVENTS})`],
    ['latency p50 / p99 (every subscriber)', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`],
    ['load average (1/5/15 min) at start', loadDuring],
    // Where the CPU goes: the API's fan-out against the bench's own 1,000 clients on the same 2 cores.
    ['CPU per event: API / bench clients', `${ms(apiCpu / EVENTS)} / ${ms(benchCpu / EVENTS)}`],
    [
      'API RSS before / after subscribing / idle 10 s',
      `${rssBefore.toFixed(1)} / ${rssAfter.toFixed(1)} / ${rssIdle.toFixed(1)} MiB`,
    ],
    [
      'memory per subscription (RSS delta / n)',
      `${perSub(rssAfter - rssBefore)} (idle: ${perSub(rssIdle - rssBefore)})`,
    ],
    ['API live heap open / all closed (snapshots)', `${heapOpen.toFixed(1)} / ${heapClosed.toFixed(1)} MiB`],
    ['heap retained per subscription (delta / n)', perSub(heapOpen - heapClosed)],
  ]);
  if (TRACE_EVENTS) hops.report('  per hop, p50 / p99 (HOSTPLANE_TRACE_EVENTS=1)');
}

/** SUBSCRIBERS subscriptions, one socket each, spread over `keys`; resolves once all are connected. */
async function subscribeAll(
  url: string,
  keys: string[],
  globalId: string,
  onNext: (cursor: string, arrival: Arrival) => void,
): Promise<Client[]> {
  const clients: Client[] = [];
  let ready = 0;
  await new Promise<void>((resolve) => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${keys[i % keys.length]}` },
        lazy: false,
        on: { connected: () => ++ready === SUBSCRIBERS && resolve() },
      });
      clients.push(client);
      client.subscribe<{ events: { cursor: string } }, { trace?: EventStamps }>(
        { query: SUBSCRIPTION, variables: { ids: [globalId] } },
        {
          next: ({ data, extensions }) => onNext(data!.events.cursor, { at: epochNow(), trace: extensions?.trace }),
          error: (e) => process.stderr.write(`subscription error ${String(e)}\n`),
          complete: () => undefined,
        },
      );
    }
  });
  return clients;
}

/** `count` platform-wide keys (the events have no brand, so only such keys see them). */
async function platformKeys(env: { apiUrl: string; wsUrl: string; adminKey: string }, count: number) {
  const c = adminClient(env);
  try {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const { createApiKey } = await c.mutate(CreateApiKeyDocument, {
        input: { name: `bench subscriber ${i}`, scopes: ['*'], brandIds: ['*'], tenantId: null },
      });
      if (!createApiKey.secret) throw new Error(JSON.stringify(createApiKey.userErrors));
      keys.push(createApiKey.secret);
    }
    return keys;
  } finally {
    await c.close();
  }
}
