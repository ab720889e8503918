// Which jobs a tick of a key's schedule (./cron-keys.ts) runs, and the run keys that make it run
// each at most once. Ticks run them in batches (./cron-batch.activities.ts); startCronRuns, the
// fan-out to a run workflow per job, is kept only for tick workflows begun before the batches
// (their replay calls it). Remove it once no such tick can be in flight.
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Db } from '@hostplane/server/db';
import { CONTROL_TASK_QUEUE, GONE_STATUSES } from '@hostplane/server/temporal';
import { intendsSuspended } from '../activities/tenant-suspension.js';
import type { runCronJobWorkflow } from '../workflows/cron-job-lifecycle.js';
import { cronKeyScheduleId, type CronKey } from './cron-keys.js';
import { releaseKey } from './cron-schedule.activities.js';

/** Starts in flight at once: enough to start a thousand runs in a few seconds, few enough not to swamp the server. */
const PARALLEL_STARTS = 24;

export interface CronTickInput extends CronKey {
  /** The tick's time (ISO 8601), the schedule's, the same on every retry of the fan-out. */
  scheduledAt: string;
}

export interface CronTickOutcome {
  /** The tick (its runs' ids carry it). */
  scheduledAt: string;
  jobs: number;
  started: number;
  /** Runs of this tick that a delivery or attempt before this one had started already. */
  alreadyStarted: number;
}

/**
 * A tick's run key, one per job and tick: the history row's unique `workflowId` (and the run
 * workflow's id, for ticks begun before the batches), so a tick runs each job at most once.
 */
export const cronRunWorkflowId = (jobId: string, scheduledAt: string) => `cron-run-${jobId}-${scheduledAt}`;

/**
 * The key's jobs that a tick runs: attached to this key (a job's sync attached it; one whose
 * expression just changed leaves with its next sync), live, enabled, tenant not suspended.
 * Each run checks all of it again when it begins: this only spares runs that would skip.
 */
export async function runnableJobs(db: Db, key: CronKey, scheduleId: string) {
  const rows = await db.cronJob.findMany({
    where: {
      scheduleKey: scheduleId,
      schedule: key.schedule,
      timeZone: key.timeZone,
      enabled: true,
      status: { notIn: [...GONE_STATUSES] },
      tenant: { shardId: key.shardId },
    },
    select: { id: true, tenant: { select: { status: true, lastOperation: true } } },
    orderBy: { id: 'asc' },
  });
  return rows.filter((r) => !intendsSuspended(r.tenant)).map((r) => r.id);
}

/**
 * Starts one run workflow. REJECT_DUPLICATE (reuse) and FAIL (conflict): a second start of the
 * same job and tick, whether that run still goes on or has ended, is refused by Temporal's
 * workflow-id uniqueness, so a retried fan-out or a tick delivered twice never runs a job twice.
 * (ALLOW_DUPLICATE would start a finished tick again; USE_EXISTING only covers a running one.)
 */
async function startRun(client: Client, jobId: string, scheduledAt: string): Promise<boolean> {
  try {
    await client.workflow.start<typeof runCronJobWorkflow>('runCronJobWorkflow', {
      workflowId: cronRunWorkflowId(jobId, scheduledAt),
      taskQueue: CONTROL_TASK_QUEUE,
      args: [{ id: jobId, trigger: 'SCHEDULE', scheduledAt }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}

export function createCronTickActivities({ db }: { db: Db }) {
  return {
    /**
     * One tick: every runnable job of the key gets its run started (heartbeating the progress,
     * so a retry after a crash goes on where it was; what was started is refused by id anyway).
     * A key no live job holds any more deletes its own schedule (a leftover of a failed cleanup).
     */
    async startCronRuns(input: CronTickInput): Promise<CronTickOutcome> {
      const { client } = Context.current();
      const scheduleId = cronKeyScheduleId(input);
      const jobs = await runnableJobs(db, input, scheduleId);
      if (jobs.length === 0) {
        await releaseKey(db, client, scheduleId);
        return { scheduledAt: input.scheduledAt, jobs: 0, started: 0, alreadyStarted: 0 };
      }
      const queue = [...jobs];
      let started = 0;
      let alreadyStarted = 0;
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL_STARTS, jobs.length) }, async () => {
          for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
            if (await startRun(client, id, input.scheduledAt)) started += 1;
            else alreadyStarted += 1;
            Context.current().heartbeat(started + alreadyStarted);
          }
        }),
      );
      return { scheduledAt: input.scheduledAt, jobs: jobs.length, started, alreadyStarted };
    },
  };
}

export type CronTickActivities = ReturnType<typeof createCronTickActivities>;
