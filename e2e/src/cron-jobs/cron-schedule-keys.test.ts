// Issue 11 at scale: cron jobs share one Temporal schedule per (shard, expression, time zone).
// Two jobs created at once find one schedule; a tick delivered twice starts one run per job;
// a FORBID job's overlapping tick is skipped and recorded; the key's schedule goes with its last
// job, and a job whose expression changes moves to another key.
import {
  CreateCronJobDocument,
  DeleteCronJobDocument,
  GetCronJobDocument,
  RunCronJobNowDocument,
  UpdateCronJobDocument,
  type CreateCronJobInput,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, uuidOf, withDatabase } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { createActiveWebroot } from '../support/web.js';
import { closeTemporal, describeSchedule, racingTickRun, scheduleKeyOf, startTick } from './temporal-schedules.js';

/** A key no other test uses (its zone), with a schedule that never ticks during the test. */
const KEY = { schedule: '0 0 1 1 *', timeZone: 'Asia/Kathmandu' };

async function create(input: CreateCronJobInput): Promise<string> {
  const { createCronJob } = await admin().mutate(CreateCronJobDocument, { input });
  expect(createCronJob.userErrors).toEqual([]);
  return createCronJob.cronJob!.id;
}

const active = async (id: string) =>
  expect((await watchStatus(admin(), id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');

/** The job's runs of one tick (by its time). */
async function runsOfTick(jobId: string, scheduledAt: string): Promise<number> {
  const { rows } = await withDatabase((db) =>
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "CronJobRun" WHERE "cronJobId" = $1 AND "scheduledAt" = $2`,
      [uuidOf(jobId), new Date(scheduledAt)],
    ),
  );
  return rows[0]!.n;
}

describe('cron jobs: one schedule per shard, expression and zone', () => {
  let webrootId: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'cron keys');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    webrootId = (await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' })).id;
  }, 180_000);
  afterAll(async () => {
    await closeTemporal();
    await closeClients();
  });

  it('two jobs of one key created at once share one schedule', async () => {
    [first, second] = await Promise.all([
      create({ webrootId, name: 'one', ...KEY, command: ['true'], concurrency: 'ALLOW' }),
      create({ webrootId, name: 'two', ...KEY, command: ['sh', '-c', 'sleep 4'] }),
    ]);
    await Promise.all([active(first), active(second)]);
    const key = await scheduleKeyOf(first);
    expect(key).not.toBeNull();
    expect(await scheduleKeyOf(second)).toBe(key);
    expect(await describeSchedule(key!)).toMatchObject({ timeZone: KEY.timeZone, workflowType: 'cronTickWorkflow' });
  }, 90_000);

  it('a tick delivered twice starts one run per job', async () => {
    const tick = new Date(Date.now() - 1000).toISOString();
    const outcomes = await Promise.all([startTick(KEY, tick), startTick(KEY, tick)]);
    // Each job's run was started once; the other delivery found it started (refused by its id).
    expect(outcomes.map((o) => o.jobs)).toEqual([2, 2]);
    expect(outcomes.reduce((n, o) => n + o.started, 0)).toBe(2);
    expect(outcomes.reduce((n, o) => n + o.alreadyStarted, 0)).toBe(2);
    // And once more after the runs ended: still refused (REJECT_DUPLICATE), not run again.
    await expect.poll(() => runsOfTick(second, tick), { timeout: 30_000 }).toBe(1);
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await startTick(KEY, tick)).toMatchObject({ started: 0, alreadyStarted: 2 });
    await new Promise((r) => setTimeout(r, 1_000));
    expect([await runsOfTick(first, tick), await runsOfTick(second, tick)]).toEqual([1, 1]);
  }, 90_000);

  it('skips a FORBID job’s tick while its previous run goes on, and records it', async () => {
    const { runCronJobNow } = await admin().mutate(RunCronJobNowDocument, { input: { id: second } });
    expect(runCronJobNow.userErrors).toEqual([]);
    await expect
      .poll(async () =>
        withDatabase(async (db) => {
          const { rows } = await db.query(`SELECT 1 FROM "CronJobRun" WHERE "cronJobId" = $1 AND status = 'RUNNING'`, [
            uuidOf(second),
          ]);
          return rows.length;
        }),
      )
      .toBe(1);
    expect(await racingTickRun(second)).toEqual({ skipped: 'a run of this FORBID job is going on' });
    const { cronJob } = await admin().query(GetCronJobDocument, { id: second });
    const skips = cronJob.events.filter((e) => e.step === 'tick').map((e) => e.message);
    expect(skips).toEqual([expect.stringMatching(/^tick .* skipped: the previous run is still going on \(FORBID\)$/)]);
  }, 60_000);

  it('moves a job whose expression changed, and deletes a key’s schedule with its last job only', async () => {
    const key = (await scheduleKeyOf(first))!;
    const { updateCronJob } = await admin().mutate(UpdateCronJobDocument, {
      input: { id: first, schedule: '0 0 2 1 *' },
    });
    expect(updateCronJob.userErrors).toEqual([]);
    await active(first);
    const moved = (await scheduleKeyOf(first))!;
    expect(moved).not.toBe(key);
    // The old key keeps its schedule for the job still on it; the new one has its own.
    expect(await describeSchedule(key)).not.toBeNull();
    expect(await describeSchedule(moved)).not.toBeNull();

    for (const [id, gone] of [
      [second, key],
      [first, moved],
    ] as const) {
      const { deleteCronJob } = await admin().mutate(DeleteCronJobDocument, { input: { id } });
      expect(deleteCronJob.userErrors).toEqual([]);
      expect((await watchStatus(admin(), id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
      expect(await describeSchedule(gone)).toBeNull();
    }
  }, 90_000);
});
