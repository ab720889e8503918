import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '@hostplane/server/db';
import { commitStamps, epochNow, publishEvent, TRACE_EVENTS } from '@hostplane/server/events';
import { CreateApiKeyDocument } from '@hostplane/schema/sdk';
import { repoRoot } from '@hostplane/scripts/lib';
import { adminClient } from './admin-client.js';
import { HEAP_SNAPSHOTS, liveHeapMiB } from './heap.js';
import { Hops } from './hops.js';
import { cpuMs, load, ms, percentile, report, rssMiB } from './stats.js';
import type { Arrival, FromSubscribers, ToSubscribers } from './subscriber-process.js';
import { transportFloor } from './transport-floor.js';

const SUBSCRIBERS = 1_000;
const EVENTS = 50;
/** The API's cap of open operations per key (server/src/http/websocket.ts): subscribers share keys. */
const SUBSCRIBERS_PER_KEY = 100;
/** After subscribing, how long the API is left idle before its memory is read again (V8 shrinks its heap when idle). */
const IDLE_MS = 10_000;

interface Env {
  databaseUrl: string;
  apiUrl: string;
  wsUrl: string;
  adminKey: string;
  apiPid: number;
}

/**
 * (3) commit → subscriber latency with 1,000 graphql-ws subscriptions on one API process, and
 * the API's memory per subscription. Events are committed straight through the event spine
 * (publishEvent: insert + NOTIFY in one transaction), so the clock starts at commit. With
 * HOSTPLANE_TRACE_EVENTS=1 (scripts/bench.mjs sets it) each delivery carries the API's stamps
 * (server/src/events/trace.ts) and the figure is split hop by hop.
 *
 * The subscribers run in a process of their own (./subscriber-process.ts), measured twice: with
 * every process free to use both cores, and with the API pinned to one core and the subscribers
 * to the other. In production the subscribers are other machines; on this 2-core machine their
 * 1,000 clients take about twice the API's CPU, so the pinned run is the nearer picture of what
 * the API delivers, and the shared one what this machine does with both sides on it.
 */
export async function benchSubscriptions(env: Env) {
  const db = createDb(env.databaseUrl, { max: 2 });
  const keys = await platformKeys(env, SUBSCRIBERS / SUBSCRIBERS_PER_KEY);
  const rssBefore = await rssMiB(env.apiPid);
  const shared = await measure(env, db, keys, { pinned: false, memory: true });
  const pinned = await measure(env, db, keys, { pinned: true, memory: false });
  await db.$disconnect();
  const heapClosed = HEAP_SNAPSHOTS ? await liveHeapMiB(env.apiPid, repoRoot) : NaN;
  // The same number of sockets and events with nothing but `ws` on either side, for comparison.
  const floor = await transportFloor(SUBSCRIBERS, EVENTS);
  const perSub = (mib: number) => `${((mib * 1024) / SUBSCRIBERS).toFixed(1)} KiB`;
  const { rssAfter, rssIdle, heapOpen } = shared.memory!;
  const latency = (r: Measured) => `${ms(percentile(r.latencies, 50))} / ${ms(percentile(r.latencies, 99))}`;
  const cpu = (r: Measured) => `${ms(r.apiCpuMs / EVENTS)} / ${ms(r.clientCpuMs / EVENTS)}`;
  report(`commit → subscriber, ${SUBSCRIBERS} graphql-ws subscriptions (the SDK's Events), ${EVENTS} events`, [
    [
      'deliveries (expected), each run',
      `${shared.latencies.length}, ${pinned.latencies.length} (${SUBSCRIBERS * EVENTS})`,
    ],
    ['latency p50 / p99, API and subscribers on own cores', latency(pinned)],
    ['latency p50 / p99, both sharing both cores', latency(shared)],
    ['transport floor p50 / p99 (plain ws, shared cores)', `${ms(floor.p50)} / ${ms(floor.p99)}`],
    ['load average (1/5/15 min) at start', shared.load],
    ['CPU per event: API / subscribers (own cores)', cpu(pinned)],
    ['CPU per event: API / subscribers (shared)', cpu(shared)],
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
  if (TRACE_EVENTS) pinned.hops.report('  per hop, own cores, p50 / p99 (HOSTPLANE_TRACE_EVENTS=1)');
}

interface Measured {
  latencies: number[];
  hops: Hops;
  apiCpuMs: number;
  clientCpuMs: number;
  load: string;
  memory?: { rssAfter: number; rssIdle: number; heapOpen: number };
}

/** One run: the subscribers' process subscribes, EVENTS events are committed one after the other. */
async function measure(
  env: Env,
  db: Db,
  keys: string[],
  { pinned, memory }: { pinned: boolean; memory: boolean },
): Promise<Measured> {
  const resourceId = randomUUID();
  const globalId = Buffer.from(`Tenant:${resourceId}`).toString('base64url');
  const subscribers = new Subscribers();
  try {
    if (pinned) {
      pin(env.apiPid, '0');
      pin(subscribers.pid, '1');
    }
    await subscribers.setup({ url: env.wsUrl, keys, resourceId: globalId, count: SUBSCRIBERS });
    await new Promise((r) => setTimeout(r, 1_000)); // let every subscribe reach the hub
    let measuredMemory: Measured['memory'];
    if (memory) {
      const rssAfter = await rssMiB(env.apiPid);
      await new Promise((r) => setTimeout(r, IDLE_MS));
      const rssIdle = await rssMiB(env.apiPid);
      const heapOpen = HEAP_SNAPSHOTS ? await liveHeapMiB(env.apiPid, repoRoot) : NaN;
      measuredMemory = { rssAfter, rssIdle, heapOpen };
    }
    const loadAtStart = load();
    const apiCpuBefore = await cpuMs(env.apiPid);
    const clientCpuBefore = await cpuMs(subscribers.pid);
    const committedAt = new Map<string, number>();
    const hops = new Hops();
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
      committedAt.set(cursor.toString(), committed);
      const stamps = commitStamps(cursor);
      hops.add('commit (update + event insert + NOTIFY)', committed - start);
      if (stamps) {
        hops.add('  BEGIN + advisory lock', stamps.locked - start);
        hops.add('  event insert', stamps.inserted - stamps.locked);
        hops.add('  pg_notify', stamps.notifyQueued - stamps.inserted);
        hops.add('  COMMIT', committed - stamps.notifyQueued);
      }
      await subscribers.complete(cursor.toString());
    }
    const apiCpuMs = (await cpuMs(env.apiPid)) - apiCpuBefore;
    const clientCpuMs = (await cpuMs(subscribers.pid)) - clientCpuBefore;
    const latencies: number[] = [];
    for (const [cursor, list] of Object.entries(await subscribers.collect())) {
      const committed = committedAt.get(cursor);
      if (committed === undefined) continue;
      for (const { at, trace } of list) {
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
    return { latencies, hops, apiCpuMs, clientCpuMs, load: loadAtStart, memory: measuredMemory };
  } finally {
    await subscribers.stop();
    if (pinned) pin(env.apiPid, '0,1');
    await new Promise((r) => setTimeout(r, 2_000)); // every socket's close handled
  }
}

/** Every thread of `pid` on `cpus` (taskset, util-linux). */
function pin(pid: number, cpus: string) {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/** The forked subscribers' process, driven over IPC. */
class Subscribers {
  private readonly child: ChildProcess = fork(fileURLToPath(new URL('./subscriber-process.js', import.meta.url)));
  private readonly waiting = new Map<string, () => void>();
  private readonly completed = new Set<string>();
  private ready?: () => void;
  private arrivals?: (a: Record<string, Arrival[]>) => void;

  constructor() {
    this.child.on('message', (m: FromSubscribers) => {
      if (m.type === 'ready') this.ready?.();
      else if (m.type === 'complete') {
        this.completed.add(m.cursor);
        this.waiting.get(m.cursor)?.();
      } else if (m.type === 'arrivals') this.arrivals?.(m.arrivals);
      else process.stderr.write(`subscription error ${m.message}\n`);
    });
  }

  get pid() {
    return this.child.pid!;
  }

  private send(message: ToSubscribers) {
    this.child.send(message);
  }

  setup(setup: Extract<ToSubscribers, { type: 'setup' }>['setup']) {
    const ready = new Promise<void>((resolve) => (this.ready = resolve));
    this.send({ type: 'setup', setup });
    return ready;
  }

  /** Resolves once every subscriber has the event (or after 10 s: the report counts what arrived). */
  complete(cursor: string) {
    if (this.completed.has(cursor)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      this.waiting.set(cursor, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  collect() {
    const arrivals = new Promise<Record<string, Arrival[]>>((resolve) => (this.arrivals = resolve));
    this.send({ type: 'collect' });
    return arrivals;
  }

  stop() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.send({ type: 'stop' });
    return exited;
  }
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
