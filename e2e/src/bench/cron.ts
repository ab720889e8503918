// (cron) 1,000 cron jobs on one shard, each on a one-minute schedule — one Temporal schedule for
// all of them (their shared key), each tick one workflow that begins the runs in bulk and runs them
// in a batch per node (one node activity per node and up to 64 runs): expected vs run ticks, what
// the scheduler costs (CPU seconds and RSS of the Temporal server, the control worker and the node
// agent, against an idle minute) and how late each tick's run starts (p50/p99), over
// BENCH_CRON_MINUTES minutes. Before the key schedules (one schedule per job): 268 of 5,000; with
// them but a run workflow per job and tick: 0 of 5,000 on time, tick → start p50 408 s / p99 622 s.
import {
  CreateBrandDocument,
  CreateCronJobDocument,
  CreateTenantDocument,
  DeleteCronJobDocument,
  createHostplaneClient,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import pg from 'pg';
import WebSocket from 'ws';
import type { Platform } from '../harness/platform.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot } from '../support/web.js';
import { cpuMs, load, percentile, report, rssMiB } from './stats.js';

const JOBS = Number(process.env.BENCH_CRON_JOBS ?? 1000);
const MINUTES = Number(process.env.BENCH_CRON_MINUTES ?? 5);
/**
 * Mutations in flight at once while the jobs are created and deleted: every create takes its
 * tenant's quota lock and the event writers' lock, so more only queue there (and a create that
 * waits past Prisma's 5 s transaction timeout fails).
 */
const PARALLEL = 8;

export interface CronBenchProcesses {
  temporalPid: number;
  workerPid: number;
  agentPid: number;
}

/** Runs `work` over `items`, PARALLEL at a time. */
async function inParallel<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/**
 * CPU (seconds, and as % of one core) and resident memory (at the end, and the peak of samples
 * every 5 s) of each process over `ms` of wall time.
 */
async function usageOver(pids: Record<string, number>, ms: number) {
  const before = Object.fromEntries(
    await Promise.all(Object.entries(pids).map(async ([k, pid]) => [k, await cpuMs(pid)])),
  );
  const peak: Record<string, number> = {};
  const sampleRss = async () => {
    for (const [k, pid] of Object.entries(pids)) peak[k] = Math.max(peak[k] ?? 0, await rssMiB(pid));
  };
  const end = Date.now() + ms;
  for (let now = Date.now(); now < end; now = Date.now()) {
    await sampleRss();
    await new Promise((r) => setTimeout(r, Math.min(5_000, end - now)));
  }
  await sampleRss();
  const out: Record<string, { cpuSeconds: number; cpuPercent: number; rss: number; peakRss: number }> = {};
  for (const [k, pid] of Object.entries(pids)) {
    const cpu = (await cpuMs(pid)) - before[k];
    out[k] = { cpuSeconds: cpu / 1000, cpuPercent: (cpu / ms) * 100, rss: await rssMiB(pid), peakRss: peak[k]! };
  }
  return out;
}

/** Creates the jobs; a create that failed on a busy machine (rolled back, nothing written) is tried again. */
async function createJobs(c: HostplaneClient, webrootId: string): Promise<string[]> {
  const ids: string[] = [];
  const create = async (i: number, attempt = 1): Promise<void> => {
    try {
      const { createCronJob } = await c.mutate(CreateCronJobDocument, {
        input: { webrootId, name: `bench-${i}`, schedule: '* * * * *', command: ['true'], timeoutSeconds: 30 },
      });
      if (!createCronJob.cronJob) throw new Error(JSON.stringify(createCronJob.userErrors));
      ids.push(createCronJob.cronJob.id);
    } catch (error) {
      if (attempt >= 3) throw error;
      await create(i, attempt + 1);
    }
  };
  await inParallel(
    Array.from({ length: JOBS }, (_, i) => i),
    (i) => create(i),
  );
  return ids;
}

async function waitActive(db: pg.Client, webrootId: string): Promise<void> {
  const id = Buffer.from(webrootId, 'base64url').toString().split(':')[1];
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const { rows } = await db.query<{ active: number; failed: number }>(
      `SELECT count(*) FILTER (WHERE status = 'ACTIVE')::int AS active, count(*) FILTER (WHERE status = 'FAILED')::int AS failed
       FROM "CronJob" WHERE "webrootId" = $1`,
      [id],
    );
    if (rows[0]!.failed > 0) throw new Error(`${rows[0]!.failed} cron jobs FAILED`);
    if (rows[0]!.active === JOBS) return;
    if (Date.now() > deadline) throw new Error(`only ${rows[0]!.active} of ${JOBS} cron jobs ACTIVE`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function benchCron(env: Platform, pids: CronBenchProcesses): Promise<void> {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
  const db = new pg.Client({ connectionString: env.databaseUrl });
  await db.connect();
  try {
    const tag = Date.now().toString(36);
    const { createBrand } = await c.mutate(CreateBrandDocument, {
      input: {
        name: `cron-${tag}`,
        baseHostname: `${tag}.cron.test`,
        nsHostnames: [`ns1.${tag}.test`, `ns2.${tag}.test`],
        hostmasterEmail: `h@${tag}.test`,
      },
    });
    const shardId = Buffer.from(`Shard:${env.shardId}`).toString('base64url');
    const { createTenant } = await c.mutate(CreateTenantDocument, {
      input: { brandId: createBrand.brand!.id, shardId },
    });
    await watchTenant(c, createTenant.tenant!.id, ['ACTIVE']);
    const site = await createActiveWebroot(c, { tenantId: createTenant.tenant!.id, runtime: 'STATIC' });
    const watched = { temporal: pids.temporalPid, worker: pids.workerPid, agent: pids.agentPid };

    // Idle: the same processes for one minute before any job exists.
    const idle = await usageOver(watched, 60_000);
    const createStarted = performance.now();
    const ids = await createJobs(c, site.id);
    await waitActive(db, site.id);
    const createMs = performance.now() - createStarted;

    // From the next whole minute on, MINUTES minutes of ticks.
    const windowStart = Math.ceil(Date.now() / 60_000) * 60_000;
    await new Promise((r) => setTimeout(r, windowStart - Date.now()));
    const busy = await usageOver(watched, MINUTES * 60_000);
    const windowEnd = windowStart + MINUTES * 60_000;
    await new Promise((r) => setTimeout(r, 45_000)); // the window's last tick's runs end

    const { rows } = await db.query<{
      job: string;
      scheduled: Date;
      began: Date;
      finished: Date | null;
      durationMs: number | null;
      status: string;
    }>(
      `SELECT r."cronJobId" AS job, r."scheduledAt" AS scheduled, r."startedAt" AS began, r."finishedAt" AS finished,
              r."durationMs" AS "durationMs", r.status
       FROM "CronJobRun" r JOIN "CronJob" j ON j.id = r."cronJobId"
       WHERE j."webrootId" = $1 AND r.trigger = 'SCHEDULE' AND r."scheduledAt" >= $2 AND r."scheduledAt" < $3`,
      [Buffer.from(site.id, 'base64url').toString().split(':')[1], new Date(windowStart), new Date(windowEnd)],
    );
    const ticks = new Set(rows.map((r) => `${r.job}@${r.scheduled.toISOString()}`));
    const toBegin = rows.map((r) => r.began.getTime() - r.scheduled.getTime());
    // The process's own start: when it ended, less how long it ran (the node's clock is this machine's).
    const toProcess = rows
      .filter((r) => r.finished && r.durationMs !== null)
      .map((r) => r.finished!.getTime() - r.durationMs! - r.scheduled.getTime());
    const s = (v: number) => `${(v / 1000).toFixed(2)} s`;
    const pct = (k: 'temporal' | 'worker' | 'agent') =>
      `CPU ${busy[k]!.cpuSeconds.toFixed(1)} s in ${MINUTES} min (${idle[k]!.cpuPercent.toFixed(1)}% → ${busy[k]!.cpuPercent.toFixed(1)}% of a core); ` +
      `RSS ${idle[k]!.rss.toFixed(0)} → ${busy[k]!.rss.toFixed(0)} MiB (peak ${busy[k]!.peakRss.toFixed(0)})`;
    const { rows: schedules } = await db.query<{ n: number }>(
      `SELECT count(DISTINCT "scheduleKey")::int AS n FROM "CronJob" WHERE "webrootId" = $1`,
      [Buffer.from(site.id, 'base64url').toString().split(':')[1]],
    );
    report(`cron: ${JOBS} one-minute cron jobs on one shard, over ${MINUTES} min`, [
      ['jobs created → all ACTIVE (on their key’s schedule)', s(createMs)],
      ['Temporal schedules for the jobs', String(schedules[0]!.n)],
      ['ticks expected / runs recorded', `${JOBS * MINUTES} / ${rows.length}`],
      ['ticks that ran (distinct job × tick)', String(ticks.size)],
      ['duplicate runs of one tick', String(rows.length - ticks.size)],
      [
        'runs SUCCEEDED / FAILED / RUNNING',
        ['SUCCEEDED', 'FAILED', 'RUNNING'].map((st) => rows.filter((r) => r.status === st).length).join(' / '),
      ],
      ['tick → run began (history row) p50 / p99', `${s(percentile(toBegin, 50))} / ${s(percentile(toBegin, 99))}`],
      [
        'tick → process started on the node p50 / p99',
        `${s(percentile(toProcess, 50))} / ${s(percentile(toProcess, 99))}`,
      ],
      ['tick → process started max', s(Math.max(...toProcess))],
      // On time: the process started before the job's next one-minute tick.
      [
        'ticks on time (process started within 60 s)',
        `${toProcess.filter((v) => v < 60_000).length} / ${JOBS * MINUTES}`,
      ],
      ['Temporal server, idle → with the jobs', pct('temporal')],
      ['control worker, idle → with the jobs', pct('worker')],
      ['node agent (runs the commands), idle → with', pct('agent')],
      ['load average (1/5/15 min)', load()],
    ]);
    // The schedules must not fire into the benchmarks after this one.
    await inParallel(ids, async (id) => {
      await c.mutate(DeleteCronJobDocument, { input: { id } });
    });
  } finally {
    await db.end();
  }
}
