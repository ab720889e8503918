// The Temporal schedules of cron jobs: one per distinct (shard, cron expression, time zone), its
// "key", shared by every job with that key. A thousand one-minute jobs on a shard are then one
// schedule (one scheduler workflow waking once a minute) instead of a thousand: the measured
// per-job design ran 268 of 5,000 ticks in five minutes on the Temporal dev server.
import { createHash } from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { Db, DbTx } from '@hostplane/server/db';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';

/** What a tick schedule is for: its jobs are the shard's jobs with this expression and zone. */
export interface CronKey {
  shardId: string;
  schedule: string;
  timeZone: string;
}

/** The key's schedule id (namespace-unique; the expression and zone hashed: ids are plain text). */
export function cronKeyScheduleId(key: CronKey): string {
  const digest = createHash('sha256').update(`${key.schedule}\n${key.timeZone}`).digest('hex');
  return `cron-tick-${key.shardId}-${digest.slice(0, 20)}`;
}

/** The schedule a job had in the one-schedule-per-job design (removed on convergence). */
export const legacyCronScheduleId = (jobId: string) => `cron-job-${jobId}`;

/**
 * A tick missed while the scheduler was down is still taken if the scheduler is back within
 * this window; older ones are dropped, so a restart never replays a backlog of runs.
 */
const CATCHUP_WINDOW = '1 minute';

/**
 * Creates the key's schedule if it is not there. Its action is the fan-out (cronTickWorkflow),
 * whose workflow id Temporal suffixes with the tick's time. ALLOW_ALL: a slow fan-out must not
 * make the next tick of every job of the key skip; a job's own "forbid overlap" is its run's
 * check (cron-run.activities.ts). The spec and action are a function of the key alone, so an
 * existing schedule is left as it is (no update per job: a thousand jobs of one key would signal
 * its scheduler a thousand times).
 */
export async function ensureKeySchedule(client: Client, key: CronKey): Promise<void> {
  const scheduleId = cronKeyScheduleId(key);
  try {
    await client.schedule.create({
      scheduleId,
      spec: { cronExpressions: [key.schedule], timezone: key.timeZone },
      action: {
        type: 'startWorkflow',
        workflowType: 'cronTickWorkflow',
        workflowId: scheduleId,
        taskQueue: CONTROL_TASK_QUEUE,
        args: [key],
      },
      policies: { overlap: ScheduleOverlapPolicy.ALLOW_ALL, catchupWindow: CATCHUP_WINDOW },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

/** Deletes a schedule by id; one already gone is fine. True when it was there. */
export async function deleteSchedule(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
    return true;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return false;
    throw error;
  }
}

/**
 * Runs `work` holding the key's advisory lock (in a transaction it is given). Every change of
 * which jobs hold a key, and every create or delete of its schedule, happens under it: two jobs
 * created at once both find the schedule, and the last job's removal cannot delete a schedule
 * that a job attached meanwhile (the attach writes the job's scheduleKey under the same lock).
 */
export function withKeyLock<T>(db: Db, scheduleId: string, work: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${scheduleId}, 0))`;
      return work(tx);
    },
    // Waits behind the other jobs of the key (each holds the lock for one Temporal call).
    { maxWait: 60_000, timeout: 120_000 },
  );
}
