// The run workflow's database side: whether a tick may run and where, its history row and
// events, the failure count and auto-disable, and the history's retention.
import type { CronRunResult, CronRunSpec } from '@hostplane/contract/cron-jobs';
import { Context } from '@temporalio/activity';
import type { Db, DbTx, ResourceStatus } from '@hostplane/server/db';
import { appendEvent } from '@hostplane/server/events';
import { setResourceStatus } from '@hostplane/server/resources';
import type { SecretsVault } from '@hostplane/server/secrets';
import { GONE_STATUSES } from '@hostplane/server/temporal';
import { envOf, webrootSelect, type WebrootRow } from '../activities/web-plans.js';
import { intendsSuspended } from '../activities/tenant-suspension.js';
import { nodesOf } from '../activities/database-plan.activities.js';
import type { NodeLiveness } from './node-liveness.js';

/** History kept per job: the newest RUNS_KEPT runs, none older than DAYS_KEPT days. */
export const CRON_HISTORY = { runsKept: 100, daysKept: 30 } as const;

export interface BeginCronRunInput {
  id: string;
  trigger: 'SCHEDULE' | 'MANUAL';
  /** The run workflow's id: one history row per workflow, however often this is retried. */
  workflowId: string;
  /** The schedule's time of this tick (ISO 8601), null for a manual run. */
  scheduledAt: string | null;
}

/** A run that goes ahead: its row, what the node runs (secrets opened), and the nodes to try in order. */
export interface BegunCronRun {
  runId: string;
  spec: CronRunSpec;
  nodeIds: string[];
}

export type BeginCronRunOutcome = BegunCronRun | { skipped: string };

export interface FinishCronRunInput {
  id: string;
  runId: string;
  nodeId: string | null;
  /** What the node answered, or why no node ran it. */
  outcome: { result: CronRunResult } | { failure: string };
}

export interface CronRunActivityDeps {
  db: Db;
  vault: SecretsVault | undefined;
  liveness: NodeLiveness;
}

const GONE = GONE_STATUSES as readonly string[];

/** Whether a run's outcome counts as a success, and its history line. */
export function describe(outcome: FinishCronRunInput['outcome']): { ok: boolean; message: string } {
  if ('failure' in outcome) return { ok: false, message: outcome.failure };
  const { result } = outcome;
  if (result.timedOut) return { ok: false, message: `killed at its timeout after ${result.durationMs} ms` };
  if (result.signal) return { ok: false, message: `ended by ${result.signal}` };
  if (result.exitCode === 0) return { ok: true, message: `exit code 0 in ${result.durationMs} ms` };
  return { ok: false, message: `exit code ${result.exitCode ?? 'none'}` };
}

/** A STEP event on the job (`run`, or `tick` for a skipped one), in the caller's transaction. */
async function runEvent(
  tx: DbTx,
  jobId: string,
  state: 'STARTED' | 'SUCCEEDED' | 'FAILED',
  message: string,
  step = 'run',
) {
  const job = await tx.cronJob.findUniqueOrThrow({
    where: { id: jobId },
    select: { tenantId: true, tenant: { select: { brandId: true } } },
  });
  await appendEvent(tx, {
    brandId: job.tenant.brandId,
    tenantId: job.tenantId,
    resourceType: 'CronJob',
    resourceId: jobId,
    kind: 'STEP',
    step,
    stepState: state,
    message,
  });
}

/** Why the job must not run now, or null: checked when each run begins, so no race runs one. */
export function refusalOf(job: {
  status: string;
  enabled: boolean;
  webroot: { status: string; tenant: { status: string; lastOperation: string } };
}): string | null {
  const tenant = job.webroot.tenant;
  if (GONE.includes(job.status)) return `the job is ${job.status}`;
  if (!job.enabled) return 'the job is disabled';
  if (GONE.includes(job.webroot.status)) return `its webroot is ${job.webroot.status}`;
  if (GONE.includes(tenant.status)) return `its tenant is ${tenant.status}`;
  if (intendsSuspended(tenant as never)) return 'its tenant is suspended';
  return null;
}

export function createCronRunActivities({ db, vault, liveness }: CronRunActivityDeps) {
  return {
    /**
     * Whether the run goes ahead (the job, its webroot and tenant checked now, FORBID's overlap
     * under the job's row lock) and, if so, its RUNNING history row and STARTED event, the spec
     * and the webroot's live nodes in the order to try them. Idempotent per workflow id.
     */
    async beginCronRun(input: BeginCronRunInput): Promise<BeginCronRunOutcome> {
      const job = await db.cronJob.findUnique({
        where: { id: input.id },
        select: {
          id: true,
          status: true,
          enabled: true,
          command: true,
          timeoutSeconds: true,
          concurrency: true,
          webroot: { select: webrootSelect },
        },
      });
      if (!job) return { skipped: 'the job does not exist' };
      const refusal = refusalOf(job);
      if (refusal) return { skipped: refusal };
      const begun = await db.$transaction(async (tx) => {
        // Serializes the begins of one job: two FORBID runs never both see "none running".
        await tx.$queryRaw`SELECT 1 FROM "CronJob" WHERE "id" = ${job.id}::uuid FOR UPDATE`;
        const existing = await tx.cronJobRun.findUnique({ where: { workflowId: input.workflowId } });
        if (existing) return existing;
        if (job.concurrency === 'FORBID') {
          const running = await tx.cronJobRun.count({ where: { cronJobId: job.id, status: 'RUNNING' } });
          if (running > 0) {
            // Recorded, so a job whose runs outlast its interval shows why ticks are missing.
            const tick = input.scheduledAt ? `tick ${input.scheduledAt}` : 'run';
            await runEvent(
              tx,
              job.id,
              'FAILED',
              `${tick} skipped: the previous run is still going on (FORBID)`,
              'tick',
            );
            return null;
          }
        }
        const run = await tx.cronJobRun.create({
          data: {
            cronJobId: job.id,
            workflowId: input.workflowId,
            trigger: input.trigger,
            scheduledAt: input.scheduledAt ? new Date(input.scheduledAt) : null,
          },
        });
        await runEvent(
          tx,
          job.id,
          'STARTED',
          input.trigger === 'MANUAL' ? 'run started (runCronJobNow)' : 'run started',
        );
        return run;
      });
      if (!begun) return { skipped: 'a run of this FORBID job is going on' };
      const { webroot } = job;
      const nodeIds = await liveness.ordered(
        Context.current().client,
        await nodesOf(db, webroot.tenant.shardId),
        job.id,
      );
      return { runId: begun.id, nodeIds, spec: cronRunSpec(job, vault) };
    },

    /**
     * Records how the run ended (once: a retry finds it finished), counts failures in a row and,
     * at the job's limit, disables it with the reason in its statusMessage. Then prunes the
     * history. True when this run disabled the job (the workflow pauses its schedule).
     */
    async finishCronRun(input: FinishCronRunInput): Promise<{ disabled: boolean }> {
      const { ok, message } = describe(input.outcome);
      const result = 'result' in input.outcome ? input.outcome.result : null;
      const counted = await db.$transaction(async (tx) => {
        const { count } = await tx.cronJobRun.updateMany({
          where: { id: input.runId, status: 'RUNNING' },
          data: {
            status: ok ? 'SUCCEEDED' : 'FAILED',
            nodeId: input.nodeId,
            finishedAt: new Date(),
            ...(result
              ? {
                  exitCode: result.exitCode,
                  signal: result.signal,
                  timedOut: result.timedOut,
                  durationMs: result.durationMs,
                  output: result.output,
                  outputTruncated: result.outputTruncated,
                }
              : { output: message }),
          },
        });
        if (count === 0) return null;
        await runEvent(tx, input.id, ok ? 'SUCCEEDED' : 'FAILED', message);
        return tx.cronJob.update({
          where: { id: input.id },
          data: { consecutiveFailures: ok ? 0 : { increment: 1 } },
          select: { status: true, enabled: true, consecutiveFailures: true, maxConsecutiveFailures: true },
        });
      });
      await pruneHistories(db, [input.id]);
      if (!counted || ok || !counted.enabled || counted.consecutiveFailures < counted.maxConsecutiveFailures) {
        return { disabled: false };
      }
      return { disabled: await disableAtLimit(db, { id: input.id, ...counted }, message) };
    },
  };
}

/** What the node runs for one run of the job: the webroot's environment with its secrets opened. */
export function cronRunSpec(
  job: { id: string; command: string[]; timeoutSeconds: number; webroot: WebrootRow },
  vault: SecretsVault | undefined,
): CronRunSpec {
  const { webroot } = job;
  const env = envOf(webroot, vault);
  return {
    jobId: job.id,
    tenant: webroot.tenant.name,
    uid: webroot.tenant.uid,
    webroot: webroot.name,
    command: job.command,
    timeoutSeconds: job.timeoutSeconds,
    ...(env.length > 0 ? { env } : {}),
  };
}

/** A job that reached its failure limit, disabled with the reason in its statusMessage. True when it changed. */
export function disableAtLimit(
  db: Db,
  job: { id: string; status: ResourceStatus; consecutiveFailures: number },
  lastFailure: string,
): Promise<boolean> {
  return setResourceStatus(db, {
    resourceType: 'CronJob',
    resourceId: job.id,
    status: job.status,
    statusMessage: `Disabled after ${job.consecutiveFailures} failed runs in a row (last: ${lastFailure}); enable it again to resume.`,
    expectFrom: [job.status],
    data: { enabled: false },
  });
}

/**
 * The jobs' histories pruned in one statement: beyond the newest CRON_HISTORY.runsKept runs, or
 * older than its days, never a RUNNING one.
 */
export async function pruneHistories(db: Db, jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return;
  const cutoff = new Date(Date.now() - CRON_HISTORY.daysKept * 86_400_000);
  await db.$executeRaw`
    DELETE FROM "CronJobRun" WHERE "id" IN (
      SELECT "id" FROM (
        SELECT "id", "status", "startedAt",
               row_number() OVER (PARTITION BY "cronJobId" ORDER BY "startedAt" DESC, "id" DESC) AS n
        FROM "CronJobRun" WHERE "cronJobId" = ANY(${jobIds}::uuid[])
      ) ranked
      WHERE "status" <> 'RUNNING' AND (n > ${CRON_HISTORY.runsKept} OR "startedAt" < ${cutoff})
    )`;
}

export type CronRunActivities = ReturnType<typeof createCronRunActivities>;
