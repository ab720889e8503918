// Which tick schedule each cron job hangs on (./cron-keys.ts): a job's sync attaches it to its
// key's schedule (created with the key's first job), its delete detaches it (the key's last job
// deletes the schedule). Activities on the control queue: they need the worker's Temporal
// client as well as the database. Names are those of the one-schedule-per-job design, kept so
// workflows in flight across an upgrade replay.
import { Context } from '@temporalio/activity';
import { ScheduleNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/resources';
import { GONE_STATUSES } from '@hostplane/server/temporal';
import {
  cronKeyScheduleId,
  deleteSchedule,
  ensureKeySchedule,
  legacyCronScheduleId,
  withKeyLock,
} from './cron-keys.js';

const client = () => Context.current().client;
const LIVE = { status: { notIn: [...GONE_STATUSES] } };

const JOB = {
  id: true,
  schedule: true,
  timeZone: true,
  scheduleKey: true,
  tenant: { select: { shardId: true } },
} as const;

type JobKeyRow = {
  id: string;
  schedule: string;
  timeZone: string;
  scheduleKey: string | null;
  tenant: { shardId: string };
};

/**
 * Deletes the key's schedule when no live job holds it any more (under the key's lock).
 * True when it went.
 */
export async function releaseKey(db: Db, temporal: Client, scheduleId: string): Promise<boolean> {
  return withKeyLock(db, scheduleId, async (tx) => {
    const holders = await tx.cronJob.count({ where: { scheduleKey: scheduleId, ...LIVE } });
    return holders === 0 ? deleteSchedule(temporal, scheduleId) : false;
  });
}

/**
 * The job on its key's schedule: the schedule made if missing and the job's scheduleKey written
 * in one hold of the key's lock; then the key it leaves (an expression, zone or shard changed)
 * released, and a schedule of the old per-job design removed (an upgraded platform must not run
 * its ticks twice). Idempotent.
 */
async function attach(db: Db, temporal: Client, job: JobKeyRow, { verify = false } = {}): Promise<string> {
  const key = { shardId: job.tenant.shardId, schedule: job.schedule, timeZone: job.timeZone };
  const scheduleId = cronKeyScheduleId(key);
  await withKeyLock(db, scheduleId, async (tx) => {
    // Another live job on the key means its schedule is there (made under this lock, deleted
    // only with the key's last holder): a thousand jobs of a key cost one call to Temporal, and
    // the lock is held for a query. Convergence verifies anyway (Temporal may have lost it).
    const others = verify
      ? 0
      : await tx.cronJob.count({ where: { scheduleKey: scheduleId, ...LIVE, id: { not: job.id } } });
    if (others === 0) await ensureKeySchedule(temporal, key);
    await tx.cronJob.update({ where: { id: job.id }, data: { scheduleKey: scheduleId } });
  });
  if (job.scheduleKey === null) await deleteSchedule(temporal, legacyCronScheduleId(job.id));
  else if (job.scheduleKey !== scheduleId) await releaseKey(db, temporal, job.scheduleKey);
  return scheduleId;
}

/**
 * The job off its key (its row already DELETING or DELETED, so it no longer holds it); its
 * scheduleKey cleared last, so a retry after a crash finds the key to release again.
 */
async function detach(db: Db, temporal: Client, job: { id: string; scheduleKey: string | null }): Promise<void> {
  await deleteSchedule(temporal, legacyCronScheduleId(job.id));
  if (!job.scheduleKey) return;
  await releaseKey(db, temporal, job.scheduleKey);
  await db.cronJob.update({ where: { id: job.id }, data: { scheduleKey: null } });
}

/**
 * Every live job of the shard on its key's schedule (made again if Temporal lost it), the old
 * design's per-job schedules gone, and the keys no live job holds any more released. Safe at
 * any time (convergeShard's cron step).
 */
export async function convergeCronSchedules(db: Db, temporal: Client, shardId: string): Promise<number> {
  const inShard = { tenant: { shardId } };
  const jobs = await db.cronJob.findMany({ where: { ...inShard, ...LIVE }, select: JOB });
  const attached = new Set<string>();
  for (const job of jobs) attached.add(await attach(db, temporal, job, { verify: true }));
  const stale = await db.cronJob.findMany({
    where: { ...inShard, scheduleKey: { not: null, notIn: [...attached] } },
    select: { id: true, scheduleKey: true },
  });
  for (const job of stale) await detach(db, temporal, job);
  return jobs.length;
}

/**
 * The upgrade from one schedule per job: every live job never attached to a key (scheduleKey
 * null) is, and its own schedule deleted, so no tick runs twice. Each worker runs it at start;
 * once done it finds nothing. The number of jobs moved.
 */
export async function attachLegacyCronJobs(db: Db, temporal: Client): Promise<number> {
  const jobs = await db.cronJob.findMany({
    where: { scheduleKey: null, ...LIVE },
    select: JOB,
  });
  for (const job of jobs) await attach(db, temporal, job);
  return jobs.length;
}

export function createCronScheduleActivities({ db }: { db: Db }) {
  const job = (id: string) => db.cronJob.findUniqueOrThrow({ where: { id }, select: JOB });
  return {
    /** The job on its key's schedule (create, update, retry). Idempotent. */
    async writeCronSchedule(jobId: string): Promise<void> {
      await attach(db, client(), await job(jobId));
    },

    /** The job off its key's schedule, the schedule deleted with the key's last job. */
    async removeCronSchedule(jobId: string): Promise<void> {
      await detach(db, client(), await job(jobId));
    },

    /**
     * Only for runs begun before the key schedules: a disabled job was paused through its own
     * schedule. Now a tick skips disabled jobs by their row, so only a leftover one is paused.
     */
    async pauseCronSchedule(jobId: string, note: string): Promise<void> {
      await client()
        .schedule.getHandle(legacyCronScheduleId(jobId))
        .pause(note)
        .catch((error: unknown) => {
          if (!(error instanceof ScheduleNotFoundError)) throw error; // none left: nothing to pause
        });
    },

    /** The tenant's live jobs (none: its suspension has nothing to do). */
    countTenantCronJobs(tenantId: string): Promise<number> {
      return db.cronJob.count({ where: { tenantId, ...LIVE } });
    },

    /**
     * The tenant's suspend and unsuspend: a tick reads the tenant's state when it fans out (and
     * each run again when it begins), so nothing is paused; the tenant's jobs are made sure to
     * hang on their keys' schedules. The number of jobs.
     */
    async writeTenantCronSchedules(tenantId: string): Promise<number> {
      const jobs = await db.cronJob.findMany({ where: { tenantId, ...LIVE }, select: JOB });
      for (const row of jobs) await attach(db, client(), row);
      return jobs.length;
    },

    /** The shard's jobs on their keys' schedules (convergeShard's cron step). */
    convergeShardCronSchedules(shardId: string): Promise<number> {
      return convergeCronSchedules(db, client(), shardId);
    },

    /**
     * The cascade of a webroot's or tenant's delete: every job marked DELETED (with its STATUS
     * event; its history goes with the row's cascade later), then off its key's schedule. Idempotent.
     */
    async removeCronJobsOf(owner: { webrootId: string } | { tenantId: string }): Promise<number> {
      const jobs = await db.cronJob.findMany({
        where: { ...owner, OR: [{ status: { not: 'DELETED' } }, { scheduleKey: { not: null } }] },
        select: { id: true, status: true, scheduleKey: true },
      });
      for (const row of jobs) {
        if (row.status !== 'DELETED')
          await setResourceStatus(db, {
            resourceType: 'CronJob',
            resourceId: row.id,
            status: 'DELETED',
            statusMessage: null,
          });
        await detach(db, client(), row);
      }
      return jobs.length;
    },
  };
}

export type CronScheduleActivities = ReturnType<typeof createCronScheduleActivities>;
