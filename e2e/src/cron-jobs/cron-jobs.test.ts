// Issue 11: cron jobs end to end — a Temporal schedule per (shard, expression, zone) fanning out
// to one run per job and tick, each run on the webroot's node as
// the tenant's UID in its folder with its environment, the history (exit code, output tail,
// timeout), auto-disable after N failures, suspension, bad input, and every API path showing a
// job to its own brand and tenant only.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateCronJobDocument,
  CronJobChangedDocument,
  DeleteCronJobDocument,
  DeleteWebrootDocument,
  GetCronJobDocument,
  GetTenantUsageDocument,
  GetNodeDocument,
  ListCronJobRunsDocument,
  ListWebrootCronJobsDocument,
  RunCronJobNowDocument,
  SetWebrootEnvDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  UpdateCronJobDocument,
  UpdateTenantDocument,
  type CreateCronJobInput,
  type CronJobRunFieldsFragment,
  type HostplaneApiError,
  type HostplaneClient,
  type ResourceEventFieldsFragment,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { createPlan, expectOverQuota, rowsOf } from '../plans/plan-support.js';
import {
  admin,
  client,
  closeClients,
  createBrand,
  createKey,
  createTenant,
  uuidOf,
  withDatabase,
} from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchStatus } from '../support/watch.js';
import { createActiveWebroot } from '../support/web.js';
import {
  ALLOW_ALL,
  closeTemporal,
  describeSchedule,
  racingTickRun,
  scheduleKeyOf,
  triggerTickAndWait,
} from './temporal-schedules.js';

type Tenant = { id: string; name: string; uid: number };
type Site = { id: string; name: string };

async function activeTenant(brandId: string, name: string): Promise<Tenant> {
  const tenant = await createTenant(admin(), brandId, name);
  expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return tenant;
}

/** Creates the job and waits until its schedule exists (ACTIVE). */
async function activeJob(c: HostplaneClient, input: CreateCronJobInput) {
  const { createCronJob } = await c.mutate(CreateCronJobDocument, { input });
  expect(createCronJob.userErrors).toEqual([]);
  const job = createCronJob.cronJob!;
  expect((await watchStatus(c, job.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  return job;
}

async function runs(c: HostplaneClient, id: string): Promise<CronJobRunFieldsFragment[]> {
  const { cronJob } = await c.query(ListCronJobRunsDocument, { id, first: 20 }); // newest first: enough here
  return cronJob.runs.edges.map((e) => e.node);
}

/** Polls the job's history until `done` holds for it (runs newest first). */
async function runsUntil(
  c: HostplaneClient,
  id: string,
  done: (runs: CronJobRunFieldsFragment[]) => boolean,
  timeoutMs = 60_000,
): Promise<CronJobRunFieldsFragment[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await runs(c, id);
    if (done(list)) return list;
    if (Date.now() > deadline) throw new Error(`runs never got there: ${JSON.stringify(list)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** runCronJobNow, then the run it started once it has ended (a tick's run beside it is not it). */
async function runNow(c: HostplaneClient, id: string): Promise<CronJobRunFieldsFragment> {
  const before = new Set((await runs(c, id)).map((r) => r.id));
  const { runCronJobNow } = await c.mutate(RunCronJobNowDocument, { input: { id } });
  expect(runCronJobNow.userErrors).toEqual([]);
  const isIt = (r: CronJobRunFieldsFragment) => r.trigger === 'MANUAL' && !before.has(r.id);
  const list = await runsUntil(c, id, (r) => r.some((x) => isIt(x) && x.status !== 'RUNNING'));
  return list.find(isIt)!;
}

/** PIDs running as `uid` on the node (this machine); zombies, which run nothing, left out. */
async function runningAs(uid: number): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((p) => /^\d+$/.test(p));
  const status = await Promise.all(pids.map((p) => readFile(`/proc/${p}/status`, 'utf8').catch(() => '')));
  const mine = (s: string) => new RegExp(`^Uid:\\s+${uid}\\s`, 'm').test(s) && !/^State:\s+Z/m.test(s);
  return pids.filter((_, i) => mine(status[i]!)).map(Number);
}

const fileIn = (tenant: Tenant, site: Site, name: string) =>
  path.join(getPlatform().homeRoot, tenant.name, 'webroots', site.name, name);

describe('cron jobs', () => {
  let brandId: string;
  let tenant: Tenant;
  let other: Tenant;
  let site: Site;
  let otherSite: Site;
  let jobId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
    [tenant, other] = await Promise.all([activeTenant(brandId, 'cron owner'), activeTenant(brandId, 'cron neighbour')]);
    [site, otherSite] = await Promise.all([
      createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC', documentRoot: '' }),
      createActiveWebroot(admin(), { tenantId: other.id, runtime: 'STATIC', documentRoot: '' }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await closeTemporal();
    await closeClients();
  });

  it('refuses a bad schedule, time zone, command or bound at its field, writing nothing', async () => {
    const base = { webrootId: site.id, name: 'bad', schedule: '* * * * *', command: ['true'] };
    const cases: Array<[Partial<CreateCronJobInput>, string]> = [
      [{ schedule: '61 * * * *' }, 'schedule'],
      [{ schedule: '* * *' }, 'schedule'],
      [{ schedule: '@hourly' }, 'schedule'],
      [{ schedule: '0 0 L * *' }, 'schedule'],
      [{ schedule: '0 0 * * 7' }, 'schedule'],
      [{ schedule: '0 0 31 2 *' }, 'schedule'],
      [{ schedule: '0 0 * FOO *' }, 'schedule'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+01:00' }, 'timeZone'],
      [{ command: [] }, 'command'],
      [{ command: [''] }, 'command'],
      [{ timeoutSeconds: 0 }, 'timeoutSeconds'],
      [{ timeoutSeconds: 86_400 }, 'timeoutSeconds'],
      [{ maxConsecutiveFailures: 0 }, 'maxConsecutiveFailures'],
      [{ name: '' }, 'name'],
    ];
    for (const [change, field] of cases) {
      const { createCronJob } = await admin().mutate(CreateCronJobDocument, { input: { ...base, ...change } });
      expect(createCronJob.cronJob, JSON.stringify(change)).toBeNull();
      expect(
        createCronJob.userErrors.map((e) => [e.field, e.code]),
        JSON.stringify(change),
      ).toEqual([[['input', field], 'INVALID']]);
    }
    // No row (and so no schedule, which only a row's workflow writes).
    const rows = await withDatabase((db) =>
      db.query('SELECT count(*)::int AS n FROM "CronJob" WHERE "webrootId" = $1', [uuidOf(site.id)]),
    );
    expect(rows.rows[0].n).toBe(0);
    const { createCronJob } = await admin().mutate(CreateCronJobDocument, {
      input: { ...base, webrootId: tenant.id },
    });
    expect(createCronJob.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
  });

  it('runs as the tenant’s UID in its webroot with its environment, writes a file; output and exit code in the history', async () => {
    const { setWebrootEnv } = await admin().mutate(SetWebrootEnvDocument, {
      input: {
        webrootId: site.id,
        variables: [{ name: 'GREETING', value: 'hello cron' }],
        secrets: [{ name: 'CRON_TOKEN', value: 'sekrit-7f3a' }],
      },
    });
    expect(setWebrootEnv.userErrors).toEqual([]);
    expect((await watchStatus(admin(), site.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const job = await activeJob(admin(), {
      webrootId: site.id,
      name: 'writer',
      // No tick during this test: a tick's run beside runCronJobNow's would make it skip (FORBID).
      schedule: '0 0 1 1 *',
      timeZone: 'Europe/Paris',
      command: [
        'sh',
        '-c',
        'id -u > cron-ran.txt; pwd >> cron-ran.txt; echo "$GREETING/$CRON_TOKEN"; echo to-stderr >&2',
      ],
    });
    jobId = job.id;
    expect(job).toMatchObject({
      schedule: '0 0 1 1 *',
      timeZone: 'Europe/Paris',
      concurrency: 'FORBID',
      enabled: true,
      timeoutSeconds: 300,
      maxConsecutiveFailures: 5,
      lastRun: null,
    });
    expect(await describeSchedule((await scheduleKeyOf(job.id))!)).toEqual({
      timeZone: 'Europe/Paris',
      overlap: ALLOW_ALL,
      paused: false,
      workflowType: 'cronTickWorkflow',
    });
    const run = await runNow(admin(), job.id);
    expect(run).toMatchObject({ trigger: 'MANUAL', status: 'SUCCEEDED', exitCode: 0, signal: null, timedOut: false });
    expect(run.output).toContain('hello cron/sekrit-7f3a');
    expect(run.output).toContain('to-stderr');
    expect(run.nodeId).toBe((await admin().query(GetNodeDocument, { id: run.nodeId! })).node!.id);
    expect(uuidOf(run.nodeId!)).toBe(getPlatform().nodeId);
    const dir = path.dirname(fileIn(tenant, site, 'x'));
    expect((await readFile(fileIn(tenant, site, 'cron-ran.txt'), 'utf8')).split('\n')).toEqual([
      String(tenant.uid),
      dir,
      '',
    ]);
    const { cronJob } = await admin().query(GetCronJobDocument, { id: job.id });
    expect(cronJob.lastRun?.id).toBe(run.id);
    const steps = cronJob.events.filter((e) => e.step === 'run').map((e) => `${e.stepState}: ${e.message}`);
    expect(steps).toContain('STARTED: run started (runCronJobNow)');
    expect(steps).toContain(`SUCCEEDED: exit code 0 in ${run.durationMs} ms`);
  }, 120_000);

  it('its one-minute schedule (moved to that key by an update) starts exactly one run per tick', async () => {
    const before = await scheduleKeyOf(jobId);
    const { updateCronJob } = await admin().mutate(UpdateCronJobDocument, {
      input: { id: jobId, schedule: '* * * * *', timeZone: 'UTC' },
    });
    expect(updateCronJob.userErrors).toEqual([]);
    expect((await watchStatus(admin(), jobId, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    // Its old key had no other job: that schedule went with it.
    const after = await scheduleKeyOf(jobId);
    expect(after).not.toBe(before);
    expect(await describeSchedule(before!)).toBeNull();
    expect(await describeSchedule(after!)).toMatchObject({ timeZone: 'UTC', workflowType: 'cronTickWorkflow' });
    const list = await runsUntil(
      admin(),
      jobId,
      (r) => r.some((x) => x.trigger === 'SCHEDULE' && x.status !== 'RUNNING'),
      75_000,
    );
    const ticked = list.filter((r) => r.trigger === 'SCHEDULE');
    for (const run of ticked) {
      expect(run.scheduledAt).not.toBeNull();
      expect(new Date(run.scheduledAt!).getUTCSeconds()).toBe(0);
      expect(ticked.filter((r) => r.scheduledAt === run.scheduledAt)).toHaveLength(1);
      const lateness = new Date(run.startedAt).getTime() - new Date(run.scheduledAt!).getTime();
      process.stdout.write(`[cron] tick → run started: ${lateness} ms\n`);
      expect(lateness).toBeLessThan(30_000);
    }
    expect(ticked.find((r) => r.status !== 'RUNNING')).toMatchObject({ status: 'SUCCEEDED', exitCode: 0 });
  }, 90_000);

  it('kills a run at its timeout, everything it started (a setsid child too), and records it as timed out', async () => {
    const job = await activeJob(admin(), {
      webrootId: site.id,
      name: 'sleeper',
      schedule: '0 0 1 1 *',
      command: ['sh', '-c', 'setsid sleep 1000 > /dev/null 2>&1 & sleep 120 & echo going; sleep 120'],
      timeoutSeconds: 2,
    });
    const started = performance.now();
    const run = await runNow(admin(), job.id);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(run).toMatchObject({ status: 'FAILED', timedOut: true, signal: 'SIGKILL', exitCode: null });
    expect(run.durationMs).toBeGreaterThanOrEqual(2_000);
    expect(run.durationMs).toBeLessThan(10_000);
    expect(run.output).toContain('going');
    // No process of the tenant's UID is left running (the one-minute job's runs come and go).
    await expect.poll(() => runningAs(tenant.uid), { timeout: 5_000 }).toEqual([]);
  }, 60_000);

  it('disables a job after N failed runs in a row, with the reason; re-enabling resets the count', async () => {
    const job = await activeJob(admin(), {
      webrootId: site.id,
      name: 'failing',
      schedule: '0 0 1 1 *',
      timeZone: 'Pacific/Chatham', // a key of its own: its triggered tick runs no other job
      command: ['sh', '-c', 'echo boom >&2; exit 7'],
      maxConsecutiveFailures: 2,
    });
    const first = await runNow(admin(), job.id);
    expect(first).toMatchObject({ status: 'FAILED', exitCode: 7, timedOut: false });
    expect(first.output).toContain('boom');
    expect((await admin().query(GetCronJobDocument, { id: job.id })).cronJob).toMatchObject({
      enabled: true,
      consecutiveFailures: 1,
    });
    await runNow(admin(), job.id);
    // The run's row and the count are written first, the disable (with its event) just after.
    const deadline = Date.now() + 30_000;
    let cronJob = (await admin().query(GetCronJobDocument, { id: job.id })).cronJob;
    while (cronJob.enabled && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      cronJob = (await admin().query(GetCronJobDocument, { id: job.id })).cronJob;
    }
    expect(cronJob).toMatchObject({ enabled: false, consecutiveFailures: 2, status: 'ACTIVE' });
    expect(cronJob.statusMessage).toMatch(/Disabled after 2 failed runs in a row \(last: exit code 7\)/);
    const { runCronJobNow } = await admin().mutate(RunCronJobNowDocument, { input: { id: job.id } });
    expect(runCronJobNow.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    // Its key's tick starts no run of it; a run that races the disable (started before) runs nothing.
    expect(await triggerTickAndWait(job.id)).toEqual([]);
    expect(await racingTickRun(job.id)).toEqual({ skipped: 'the job is disabled' });
    expect(await runs(admin(), job.id)).toHaveLength(2);

    const { updateCronJob } = await admin().mutate(UpdateCronJobDocument, {
      input: { id: job.id, enabled: true, command: ['true'] },
    });
    expect(updateCronJob.userErrors).toEqual([]);
    expect((await watchStatus(admin(), job.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const enabled = (await admin().query(GetCronJobDocument, { id: job.id })).cronJob;
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, statusMessage: null });
    // Enabled again, its key's tick runs it.
    const [ticked] = await triggerTickAndWait(job.id);
    expect(ticked).toBeDefined();
    const list = await runsUntil(admin(), job.id, (r) =>
      r.some((x) => x.trigger === 'SCHEDULE' && x.status !== 'RUNNING'),
    );
    expect(list.find((r) => r.trigger === 'SCHEDULE')).toMatchObject({ status: 'SUCCEEDED', exitCode: 0 });
  }, 120_000);

  it('does not run a suspended tenant’s jobs (its tick skips them, run now refused, a racing tick runs nothing) nor take new ones', async () => {
    const job = await activeJob(admin(), {
      webrootId: otherSite.id,
      name: 'suspended',
      schedule: '0 0 1 1 *',
      timeZone: 'Pacific/Kiritimati', // a key of its own: its triggered tick runs no other job
      command: ['sh', '-c', 'date > suspended-ran.txt'],
      concurrency: 'ALLOW',
    });
    expect(await describeSchedule((await scheduleKeyOf(job.id))!)).toMatchObject({ paused: false });
    await admin().mutate(SuspendTenantDocument, { input: { id: other.id, reason: 'cron test' } });
    expect((await watchStatus(admin(), other.id, ['SUSPENDED', 'FAILED'])).status).toBe('SUSPENDED');
    const { runCronJobNow } = await admin().mutate(RunCronJobNowDocument, { input: { id: job.id } });
    expect(runCronJobNow.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    expect(await triggerTickAndWait(job.id)).toEqual([]);
    expect(await racingTickRun(job.id)).toEqual({ skipped: 'its tenant is suspended' });
    // Nor does a suspended tenant get a new job (the webroot owner check of every child resource).
    const { createCronJob } = await admin().mutate(CreateCronJobDocument, {
      input: { webrootId: otherSite.id, name: 'while suspended', schedule: '0 0 1 1 *', command: ['true'] },
    });
    expect(createCronJob.cronJob).toBeNull();
    expect(createCronJob.userErrors.map((e) => [e.field, e.code])).toEqual([[['input', 'webrootId'], 'INVALID_STATE']]);
    expect(await rowsOf('CronJob', uuidOf(other.id))).toBe(1);
    const file = fileIn(other, otherSite, 'suspended-ran.txt');
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await runs(admin(), job.id)).toEqual([]);

    await admin().mutate(UnsuspendTenantDocument, { input: { id: other.id } });
    expect((await watchStatus(admin(), other.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    expect(await runNow(admin(), job.id)).toMatchObject({ status: 'SUCCEEDED' });
    await readFile(file);
  }, 150_000);

  it('shows, runs and streams a job to its own brand and tenant only', async () => {
    const foreignBrand = (await createBrand()).id;
    const scopes = ['cron_jobs:read', 'cron_jobs:write', 'webroots:read', 'tenants:read'];
    const foreign = client(await createKey(scopes, [foreignBrand]));
    const neighbour = client(await createKey(scopes, [brandId], other.id));
    const own = client(await createKey(scopes, [brandId], tenant.id));
    const readOnly = client(await createKey(['cron_jobs:read', 'webroots:read'], [brandId], tenant.id));
    const refused: string[][] = [];
    const leaked: ResourceEventFieldsFragment[] = [];
    const stops = [foreign, neighbour].map((outsider) =>
      outsider.subscribe(
        CronJobChangedDocument,
        { id: jobId, after: '0' },
        ({ cronJobChanged }) => leaked.push(cronJobChanged),
        (error: HostplaneApiError) => refused.push(error.codes),
      ),
    );
    const seen: string[] = [];
    let ended = () => {};
    const runEnded = new Promise<void>((resolve) => (ended = resolve));
    stops.push(
      own.subscribe(CronJobChangedDocument, { id: jobId }, ({ cronJobChanged }) => {
        seen.push(`${cronJobChanged.step}:${cronJobChanged.stepState}`);
        if (cronJobChanged.step === 'run' && cronJobChanged.stepState !== 'STARTED') ended();
      }),
    );
    for (const outsider of [foreign, neighbour]) {
      await expectCode(outsider.query(GetCronJobDocument, { id: jobId }), 'NOT_FOUND');
      await expectCode(outsider.query(GetNodeDocument, { id: jobId }), 'NOT_FOUND');
      await expectCode(outsider.query(ListWebrootCronJobsDocument, { webrootId: site.id }), 'NOT_FOUND');
      const { runCronJobNow } = await outsider.mutate(RunCronJobNowDocument, { input: { id: jobId } });
      expect(runCronJobNow.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { deleteCronJob } = await outsider.mutate(DeleteCronJobDocument, { input: { id: jobId } });
      expect(deleteCronJob.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { updateCronJob } = await outsider.mutate(UpdateCronJobDocument, { input: { id: jobId, enabled: false } });
      expect(updateCronJob.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { createCronJob } = await outsider.mutate(CreateCronJobDocument, {
        input: { webrootId: site.id, name: 'x', schedule: '* * * * *', command: ['true'] },
      });
      expect(createCronJob.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
    const { webroot } = await own.query(ListWebrootCronJobsDocument, { webrootId: site.id });
    expect(webroot.cronJobs.edges.map((e) => e.node.name)).toEqual(['writer', 'sleeper', 'failing']);
    await expectCode(readOnly.mutate(RunCronJobNowDocument, { input: { id: jobId } }), 'FORBIDDEN');
    await new Promise((r) => setTimeout(r, 300)); // the subscriptions are live
    const { runCronJobNow } = await own.mutate(RunCronJobNowDocument, { input: { id: jobId } });
    expect(runCronJobNow.userErrors).toEqual([]);
    await runEnded;
    await new Promise((r) => setTimeout(r, 300)); // the last events' fan-out to every subscriber
    stops.forEach((stop) => stop());
    expect(seen).toEqual(expect.arrayContaining(['run:STARTED', 'run:SUCCEEDED']));
    expect(refused).toEqual([['NOT_FOUND'], ['NOT_FOUND']]);
    expect(leaked).toEqual([]);
  }, 90_000);

  it('holds a tenant to its plan’s maxCronJobs: QUOTA_EXCEEDED, nothing written', async () => {
    const plan = await createPlan(brandId, { maxCronJobs: 1 });
    const { updateTenant } = await admin().mutate(UpdateTenantDocument, { input: { id: other.id, planId: plan.id } });
    expect(updateTenant.userErrors).toEqual([]);
    const create = async (name: string) =>
      (
        await admin().mutate(CreateCronJobDocument, {
          input: { webrootId: otherSite.id, name, schedule: '0 0 1 1 *', command: ['true'] },
        })
      ).createCronJob;
    // The tenant has one live job already (the suspended test's): a second one is over the limit.
    const refused = await create('over');
    expect(refused.cronJob).toBeNull();
    expectOverQuota(refused, 'webrootId', plan.name, 'at most 1 cron jobs', 'has 1');
    expect(await rowsOf('CronJob', uuidOf(other.id))).toBe(1);
    const { tenant: seen } = await admin().query(GetTenantUsageDocument, { id: other.id });
    expect(seen.usage.cronJobs).toEqual({ used: 1, limit: 1 });
  });

  it('deletes a job with its schedule; deleting the webroot takes its jobs along', async () => {
    const { deleteCronJob } = await admin().mutate(DeleteCronJobDocument, { input: { id: jobId } });
    expect(deleteCronJob.userErrors).toEqual([]);
    expect((await watchStatus(admin(), jobId, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await scheduleKeyOf(jobId)).toBeNull();
    const { webroot } = await admin().query(ListWebrootCronJobsDocument, { webrootId: site.id });
    const left = webroot.cronJobs.edges.map((e) => e.node.id);
    expect(left).toHaveLength(2);
    const { deleteWebroot } = await admin().mutate(DeleteWebrootDocument, { input: { id: site.id } });
    expect(deleteWebroot.userErrors).toEqual([]);
    expect((await watchStatus(admin(), site.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    for (const id of left) {
      expect((await admin().query(GetCronJobDocument, { id })).cronJob.status).toBe('DELETED');
      expect(await scheduleKeyOf(id)).toBeNull();
    }
  }, 90_000);
});
