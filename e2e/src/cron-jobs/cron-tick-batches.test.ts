// Issue 11 at scale: a tick runs its key's due jobs in one batch per node (one node activity that
// starts them side by side), and their history rows are begun and finished in bulk. A tick with
// jobs of two tenants runs each once, as its own tenant; a tick delivered twice at once, and the
// same tick delivered again after it ended, start nothing twice; a disabled job is not run.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CreateCronJobDocument, GetCronJobDocument, type CreateCronJobInput } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant, uuidOf, withDatabase } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { createActiveWebroot } from '../support/web.js';
import { closeTemporal, startTick } from './temporal-schedules.js';

/** A key no other test uses (its zone), with a schedule that never ticks during the test. */
const KEY = { schedule: '0 0 1 1 *', timeZone: 'America/Montevideo' };

type Owner = { tenant: { id: string; name: string; uid: number }; site: { id: string; name: string } };

async function owner(brandId: string, name: string): Promise<Owner> {
  const tenant = await createTenant(admin(), brandId, name);
  expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  const site = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' });
  return { tenant, site };
}

async function activeJob(input: CreateCronJobInput): Promise<string> {
  const { createCronJob } = await admin().mutate(CreateCronJobDocument, { input });
  expect(createCronJob.userErrors).toEqual([]);
  const id = createCronJob.cronJob!.id;
  expect((await watchStatus(admin(), id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return id;
}

/** The runs of one tick, per job (uuid → rows). */
async function runsOfTick(scheduledAt: string, jobIds: string[]) {
  const { rows } = await withDatabase((db) =>
    db.query<{ job: string; status: string; exitCode: number | null; output: string; nodeId: string | null }>(
      `SELECT "cronJobId" AS job, status, "exitCode", output, "nodeId" FROM "CronJobRun"
       WHERE "scheduledAt" = $1 AND "cronJobId" = ANY($2::uuid[])`,
      [new Date(scheduledAt), jobIds.map(uuidOf)],
    ),
  );
  return rows;
}

describe('cron jobs: a tick runs its jobs in a batch per node', () => {
  const jobs: { id: string; file: string; uid: number }[] = [];
  let disabled: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const owners = await Promise.all([owner(brand.id, 'batch one'), owner(brand.id, 'batch two')]);
    // Three jobs of one tenant and two of the other, all on one key: one tick, one batch.
    for (const [index, { tenant, site }] of [owners[0], owners[0], owners[0], owners[1], owners[1]].entries()) {
      const file = `tick-${index}.txt`;
      const id = await activeJob({
        webrootId: site.id,
        name: `batch-${index}`,
        ...KEY,
        // Appends a line per run: a job run twice would leave two.
        command: ['sh', '-c', `id -u >> ${file}; echo "job ${index} as $(id -u)"`],
        concurrency: index % 2 === 0 ? 'FORBID' : 'ALLOW',
      });
      jobs.push({
        id,
        file: path.join(getPlatform().homeRoot, tenant.name, 'webroots', site.name, file),
        uid: tenant.uid,
      });
    }
    disabled = await activeJob({
      webrootId: owners[1].site.id,
      name: 'batch-disabled',
      ...KEY,
      command: ['sh', '-c', 'date >> disabled-ran.txt'],
      enabled: false,
    });
  }, 240_000);
  afterAll(async () => {
    await closeTemporal();
    await closeClients();
  });

  it('runs each job of both tenants exactly once per tick, even delivered twice at once and again after it ended', async () => {
    const tick = new Date(Date.now() - 1000).toISOString();
    const ids = jobs.map((j) => j.id);
    const outcomes = await Promise.all([startTick(KEY, tick), startTick(KEY, tick)]);
    // The disabled job is not among the tick's jobs; each other job was begun by one delivery.
    expect(outcomes.map((o) => o.jobs)).toEqual([5, 5]);
    expect(outcomes.reduce((n, o) => n + o.started, 0)).toBe(5);
    expect(outcomes.reduce((n, o) => n + o.alreadyStarted, 0)).toBe(5);
    // A tick's workflow ends with its batches: every run has ended by now.
    const runs = await runsOfTick(tick, ids);
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((r) => r.job))).toEqual(new Set(ids.map(uuidOf)));
    for (const [index, job] of jobs.entries()) {
      const run = runs.find((r) => r.job === uuidOf(job.id))!;
      expect(run).toMatchObject({ status: 'SUCCEEDED', exitCode: 0, output: `job ${index} as ${job.uid}\n` });
      expect(run.nodeId).not.toBeNull();
      expect((await readFile(job.file, 'utf8')).trim().split('\n')).toEqual([String(job.uid)]);
    }

    // The same tick once more (the same workflow input): nothing is begun again, nothing runs.
    expect(await startTick(KEY, tick)).toMatchObject({ jobs: 5, started: 0, alreadyStarted: 5 });
    expect(await runsOfTick(tick, [...ids, disabled])).toHaveLength(5);
    for (const job of jobs) expect((await readFile(job.file, 'utf8')).trim().split('\n')).toHaveLength(1);
    await expect(readFile(path.join(path.dirname(jobs[4]!.file), 'disabled-ran.txt'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  }, 120_000);

  it('records each run’s start and end as events on its own job (live status for subscribers)', async () => {
    for (const { id } of jobs) {
      const { cronJob } = await admin().query(GetCronJobDocument, { id });
      const run = cronJob.events.filter((e) => e.step === 'run').map((e) => [e.stepState, e.message]);
      expect(run).toEqual(
        expect.arrayContaining([
          ['STARTED', 'run started'],
          ['SUCCEEDED', expect.stringMatching(/^exit code 0 in \d+ ms$/)],
        ]),
      );
      expect(run).toHaveLength(2);
    }
  }, 60_000);

  it('records a batch’s failure, timeout kill and auto-disable per job, the quick run beside the slow one', async () => {
    // A key of their own: this tick runs only these two.
    const key = { schedule: '0 0 1 1 *', timeZone: 'America/Bogota' };
    const site = (await owner((await createBrand()).id, 'batch failures')).site;
    const failing = await activeJob({
      webrootId: site.id,
      name: 'fails',
      ...key,
      command: ['sh', '-c', 'echo broken; exit 3'],
      maxConsecutiveFailures: 1,
    });
    const slow = await activeJob({
      webrootId: site.id,
      name: 'slow',
      ...key,
      command: ['sh', '-c', 'setsid sleep 60 & sleep 60'],
      timeoutSeconds: 5,
    });
    const tick = new Date(Date.now() - 1000).toISOString();
    const ticking = startTick(key, tick);
    // The quick failure is recorded while the slow run of its batch still goes on.
    await expect
      .poll(async () => (await runsOfTick(tick, [failing, slow])).map((r) => [r.job, r.status]).sort(), {
        timeout: 10_000,
        interval: 200,
      })
      .toEqual(
        [
          [uuidOf(failing), 'FAILED'],
          [uuidOf(slow), 'RUNNING'],
        ].sort(),
      );
    expect(await ticking).toMatchObject({ jobs: 2, started: 2, alreadyStarted: 0 });
    const runs = await runsOfTick(tick, [failing, slow]);
    expect(runs.find((r) => r.job === uuidOf(failing))).toMatchObject({
      status: 'FAILED',
      exitCode: 3,
      output: 'broken\n',
    });
    const { rows } = await withDatabase((db) =>
      db.query(`SELECT status, "timedOut", signal FROM "CronJobRun" WHERE "cronJobId" = $1`, [uuidOf(slow)]),
    );
    expect(rows).toEqual([{ status: 'FAILED', timedOut: true, signal: 'SIGKILL' }]);
    const { cronJob } = await admin().query(GetCronJobDocument, { id: failing });
    expect(cronJob).toMatchObject({ enabled: false, consecutiveFailures: 1 });
    expect(cronJob.statusMessage).toMatch(/Disabled after 1 failed runs in a row \(last: exit code 3\)/);
    // Disabled, the next tick leaves it out.
    expect(await startTick(key, new Date().toISOString())).toMatchObject({ jobs: 1 });
  }, 120_000);
});
