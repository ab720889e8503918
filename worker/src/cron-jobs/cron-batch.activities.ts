// A tick's runs in bulk (the tick workflow, ../workflows/cron-tick.ts): the key's runnable jobs
// begun in one transaction (a history row per job and tick, claimed by the tick's delivery),
// grouped into a batch per node for the agent's runCronBatch, and their ends recorded per batch.
// Temporal sees a handful of activities per node and tick, whatever the number of jobs.
import type { CronBatchRun } from '@hostplane/contract/cron-jobs';
import { Context } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import { appendEvents, type EventInput } from '@hostplane/server/events';
import type { SecretsVault } from '@hostplane/server/secrets';
import { webrootSelect } from '../activities/web-plans.js';
import { nodesOf } from '../activities/database-plan.activities.js';
import { cronKeyScheduleId } from './cron-keys.js';
import {
  cronRunSpec,
  describe,
  disableAtLimit,
  pruneHistories,
  refusalOf,
  type FinishCronRunInput,
} from './cron-run.activities.js';
import { releaseKey } from './cron-schedule.activities.js';
import { cronRunWorkflowId, runnableJobs, type CronTickInput, type CronTickOutcome } from './cron-tick.activities.js';
import type { NodeLiveness } from './node-liveness.js';

/**
 * Runs per node activity at most: a batch's specs, and its outcomes (each up to a 16 KiB output
 * tail), travel in one Temporal payload each, which must stay well under the server's 2 MB limit.
 */
export const CRON_BATCH_SIZE = 64;

/** One node activity's runs: the nodes to try in order (the first that picks it up runs all). */
export interface CronTickBatch {
  nodeIds: string[];
  runIds: string[];
  /** The longest timeout of its runs (the activity's own timeout follows it). */
  timeoutSeconds: number;
}

export interface BeginCronTickInput extends CronTickInput {
  /** The tick workflow's run id: the claim on the rows this delivery of the tick inserts. */
  tickRunId: string;
}

export interface BegunCronTick extends CronTickOutcome {
  /** Runs of this tick not begun: FORBID with a run going on, or refused when checked again. */
  skipped: number;
  batches: CronTickBatch[];
}

/** A batch's specs (secrets opened), and its runs that cannot be sent (their reason). */
export interface CronBatchSpecs {
  runs: CronBatchRun[];
  failed: { runId: string; failure: string }[];
}

export interface FinishCronBatchInput {
  nodeId: string | null;
  outcomes: ({ runId: string } & FinishCronRunInput['outcome'])[];
}

export interface CronBatchActivityDeps {
  db: Db;
  vault: SecretsVault | undefined;
  liveness: NodeLiveness;
}

const JOB_CHECK = {
  id: true,
  status: true,
  enabled: true,
  concurrency: true,
  timeoutSeconds: true,
  tenantId: true,
  webroot: { select: { status: true, tenant: { select: { status: true, lastOperation: true, brandId: true } } } },
} as const;

/** A STEP event on a job (`run`, or `tick` for a skipped tick). */
const stepEvent = (
  job: { id: string; tenantId: string; brandId: string | null },
  stepState: 'STARTED' | 'SUCCEEDED' | 'FAILED',
  message: string,
  step = 'run',
): EventInput => ({
  brandId: job.brandId,
  tenantId: job.tenantId,
  resourceType: 'CronJob',
  resourceId: job.id,
  kind: 'STEP',
  step,
  stepState,
  message,
});

/** Splits `items` into chunks of at most `size`. */
function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function createCronBatchActivities({ db, vault, liveness }: CronBatchActivityDeps) {
  return {
    /**
     * Begins the tick: under the jobs' row locks (which runCronJobNow's begin takes too), each
     * runnable job checked again and, unless its run of this tick exists (another delivery's:
     * counted as already started) or FORBID finds a run going on (skipped, recorded as an
     * event), its RUNNING row inserted with this delivery's claim, STARTED events in one insert.
     * Idempotent: a retry of the same delivery finds its own claimed rows and returns them again.
     */
    async beginCronTick(input: BeginCronTickInput): Promise<BegunCronTick> {
      const { client } = Context.current();
      const scheduleId = cronKeyScheduleId(input);
      const ids = await runnableJobs(db, input, scheduleId);
      const none = { scheduledAt: input.scheduledAt, jobs: 0, started: 0, alreadyStarted: 0, skipped: 0, batches: [] };
      if (ids.length === 0) {
        await releaseKey(db, client, scheduleId);
        return none;
      }
      const scheduledAt = new Date(input.scheduledAt);
      const begun = await db.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM "CronJob" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`;
          const jobs = await tx.cronJob.findMany({
            where: { id: { in: ids } },
            select: JOB_CHECK,
            orderBy: { id: 'asc' },
          });
          const keys = jobs.map((j) => cronRunWorkflowId(j.id, input.scheduledAt));
          const existing = new Map(
            (
              await tx.cronJobRun.findMany({
                where: { workflowId: { in: keys } },
                select: { id: true, workflowId: true, tickRunId: true, status: true, cronJobId: true },
              })
            ).map((r) => [r.workflowId, r]),
          );
          const forbidIds = jobs.filter((j) => j.concurrency === 'FORBID').map((j) => j.id);
          const running = new Set(
            (
              await tx.cronJobRun.findMany({
                where: { cronJobId: { in: forbidIds }, status: 'RUNNING' },
                select: { cronJobId: true },
                distinct: ['cronJobId'],
              })
            ).map((r) => r.cronJobId),
          );
          const mine: { id: string; cronJobId: string }[] = [];
          const toInsert: typeof jobs = [];
          const events: EventInput[] = [];
          let alreadyStarted = 0;
          let skipped = 0;
          for (const job of jobs) {
            const owner = { id: job.id, tenantId: job.tenantId, brandId: job.webroot.tenant.brandId };
            const row = existing.get(cronRunWorkflowId(job.id, input.scheduledAt));
            if (row) {
              if (row.tickRunId === input.tickRunId && row.status === 'RUNNING') mine.push(row);
              else alreadyStarted += 1;
            } else if (refusalOf(job)) {
              skipped += 1;
            } else if (running.has(job.id)) {
              // Recorded, so a job whose runs outlast its interval shows why ticks are missing.
              events.push(
                stepEvent(
                  owner,
                  'FAILED',
                  `tick ${input.scheduledAt} skipped: the previous run is still going on (FORBID)`,
                  'tick',
                ),
              );
              skipped += 1;
            } else {
              toInsert.push(job);
              events.push(stepEvent(owner, 'STARTED', 'run started'));
            }
          }
          const inserted = await tx.cronJobRun.createManyAndReturn({
            data: toInsert.map((job) => ({
              cronJobId: job.id,
              workflowId: cronRunWorkflowId(job.id, input.scheduledAt),
              trigger: 'SCHEDULE',
              scheduledAt,
              tickRunId: input.tickRunId,
            })),
            select: { id: true, cronJobId: true },
          });
          await appendEvents(tx, events);
          const timeouts = new Map(jobs.map((j) => [j.id, j.timeoutSeconds]));
          return {
            runs: [...mine, ...inserted].map((r) => ({ ...r, timeoutSeconds: timeouts.get(r.cronJobId)! })),
            started: mine.length + inserted.length,
            alreadyStarted,
            skipped,
          };
        },
        // A thousand jobs' rows in one transaction: longer than Prisma's 5 s default.
        { maxWait: 30_000, timeout: 60_000 },
      );
      // Each run's node: the live ones first, rotated by the job (../cron-jobs/node-liveness.ts),
      // so a shard's jobs spread over its nodes; a batch per first choice.
      const shardNodes = await nodesOf(db, input.shardId, false);
      const byNode = new Map<string, { nodeIds: string[]; runs: typeof begun.runs }>();
      for (const run of begun.runs) {
        const order = await liveness.ordered(client, shardNodes, run.cronJobId);
        const group = byNode.get(order[0] ?? '') ?? { nodeIds: order, runs: [] };
        group.runs.push(run);
        byNode.set(order[0] ?? '', group);
      }
      const batches = [...byNode.values()].flatMap(({ nodeIds, runs }) =>
        chunks(runs, CRON_BATCH_SIZE).map((part) => ({
          nodeIds,
          runIds: part.map((r) => r.id),
          timeoutSeconds: Math.max(...part.map((r) => r.timeoutSeconds)),
        })),
      );
      return {
        scheduledAt: input.scheduledAt,
        jobs: ids.length,
        started: begun.started,
        alreadyStarted: begun.alreadyStarted,
        skipped: begun.skipped,
        batches,
      };
    },

    /** What the node runs for each of a batch's runs (the webroot's environment, secrets opened). */
    async cronBatchSpecs(runIds: string[]): Promise<CronBatchSpecs> {
      const rows = await db.cronJobRun.findMany({
        where: { id: { in: runIds } },
        select: {
          id: true,
          cronJob: { select: { id: true, command: true, timeoutSeconds: true, webroot: { select: webrootSelect } } },
        },
      });
      const out: CronBatchSpecs = { runs: [], failed: [] };
      for (const { id: runId, cronJob: job } of rows) {
        try {
          out.runs.push({ runId, spec: cronRunSpec(job, vault) });
        } catch (error) {
          out.failed.push({ runId, failure: (error as Error).message });
        }
      }
      return out;
    },

    /**
     * Records a batch's ends (once: a row no longer RUNNING is left alone, so a retry changes
     * nothing): the rows in one update, SUCCEEDED/FAILED events in one insert, the failure
     * counts, the jobs that reached their limit disabled with the reason, the history pruned.
     */
    async finishCronBatch(input: FinishCronBatchInput): Promise<{ finished: number; disabled: number }> {
      if (input.outcomes.length === 0) return { finished: 0, disabled: 0 };
      const now = new Date();
      const rows = input.outcomes.map((o) => {
        const { ok, message } = describe('result' in o ? { result: o.result } : { failure: o.failure });
        const r = 'result' in o ? o.result : null;
        return {
          runId: o.runId,
          ok,
          message,
          // The process's end on the node's clock: a batch is recorded when its last run ends.
          finishedAt: r ? new Date(Date.parse(r.startedAt) + r.durationMs) : now,
          exitCode: r?.exitCode ?? null,
          signal: r?.signal ?? null,
          timedOut: r?.timedOut ?? false,
          durationMs: r?.durationMs ?? null,
          output: r ? r.output : message,
          outputTruncated: r?.outputTruncated ?? false,
        };
      });
      const counted = await db.$transaction(
        async (tx) => {
          const updated = await tx.$queryRaw<{ id: string; cronJobId: string }[]>`
            UPDATE "CronJobRun" AS r SET
              "status" = v.status::"CronRunStatus", "nodeId" = ${input.nodeId}::uuid, "finishedAt" = (v.finished::timestamptz AT TIME ZONE 'UTC'),
              "exitCode" = v.code, "signal" = v.sig, "timedOut" = v.timed, "durationMs" = v.duration,
              "output" = v.output, "outputTruncated" = v.truncated
            FROM unnest(
              ${rows.map((r) => r.runId)}::uuid[], ${rows.map((r) => (r.ok ? 'SUCCEEDED' : 'FAILED'))}::text[],
              ${rows.map((r) => r.finishedAt.toISOString())}::text[], ${rows.map((r) => r.exitCode)}::int[],
              ${rows.map((r) => r.signal)}::text[], ${rows.map((r) => r.timedOut)}::boolean[],
              ${rows.map((r) => r.durationMs)}::int[], ${rows.map((r) => r.output)}::text[],
              ${rows.map((r) => r.outputTruncated)}::boolean[]
            ) AS v(id, status, finished, code, sig, timed, duration, output, truncated)
            WHERE r."id" = v.id AND r."status" = 'RUNNING'
            RETURNING r."id", r."cronJobId"`;
          if (updated.length === 0) return [];
          const jobIds = [...new Set(updated.map((u) => u.cronJobId))];
          const owners = new Map(
            (
              await tx.cronJob.findMany({
                where: { id: { in: jobIds } },
                select: { id: true, tenantId: true, tenant: { select: { brandId: true } } },
              })
            ).map((j) => [j.id, { id: j.id, tenantId: j.tenantId, brandId: j.tenant.brandId }]),
          );
          const byRun = new Map(rows.map((r) => [r.runId, r]));
          const ended = updated.map((u) => ({ jobId: u.cronJobId, ...byRun.get(u.id)! }));
          await appendEvents(
            tx,
            ended.map((e) => stepEvent(owners.get(e.jobId)!, e.ok ? 'SUCCEEDED' : 'FAILED', e.message)),
          );
          const okJobs = ended.filter((e) => e.ok).map((e) => e.jobId);
          const failedJobs = ended.filter((e) => !e.ok).map((e) => e.jobId);
          await tx.cronJob.updateMany({ where: { id: { in: okJobs } }, data: { consecutiveFailures: 0 } });
          await tx.cronJob.updateMany({
            where: { id: { in: failedJobs } },
            data: { consecutiveFailures: { increment: 1 } },
          });
          return ended;
        },
        { maxWait: 30_000, timeout: 60_000 },
      );
      await pruneHistories(db, [...new Set(counted.map((c) => c.jobId))]);
      // The jobs this batch brought to their failure limit: disabled with the reason (few, one by one).
      const lastFailure = new Map(counted.filter((c) => !c.ok).map((c) => [c.jobId, c.message]));
      const atLimit = (
        await db.cronJob.findMany({
          where: { id: { in: [...lastFailure.keys()] }, enabled: true },
          select: { id: true, status: true, consecutiveFailures: true, maxConsecutiveFailures: true },
        })
      ).filter((j) => j.consecutiveFailures >= j.maxConsecutiveFailures);
      let disabled = 0;
      for (const job of atLimit) if (await disableAtLimit(db, job, lastFailure.get(job.id)!)) disabled += 1;
      return { finished: counted.length, disabled };
    },
  };
}

export type CronBatchActivities = ReturnType<typeof createCronBatchActivities>;
