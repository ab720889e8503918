// Cron job workflows (names in the server's Temporal contract): a job's create, update and
// delete attach it to or detach it from its key's Temporal schedule (one per shard, expression
// and zone: ../cron-jobs/cron-keys.ts); each tick's fan-out (./cron-tick.ts) and runCronJobNow
// start runCronJobWorkflow, which runs the command once on one node of the webroot's shard.
// Deterministic code: types, workflow APIs and the plain-data contracts only.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  CancellationScope,
  patched,
  proxyActivities,
  proxyLocalActivities,
  TemporalFailure,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import { CRON_ERROR_TYPES, type CronActivities, type CronRunResult } from '@hostplane/contract/cron-jobs';
import { nodeTaskQueue } from '@hostplane/contract/task-queues';
import type { CronRunActivities, FinishCronRunInput } from '../cron-jobs/cron-run.activities.js';
import type { CronScheduleActivities } from '../cron-jobs/cron-schedule.activities.js';
import type { ConvergenceFailure } from '../activities/convergence.activities.js';
import type { TenantPlan } from '../activities/tenant.activities.js';
import { deleting, describeFailure, provisioning, recorderOf, step, type StepRecorder } from './steps.js';
import { tenantRef } from './tenant-steps.js';

/**
 * One job's calls into the worker's own process (the database, its Temporal client): local
 * activities, recorded in the workflow's own task, so a tick costs Temporal few history writes
 * (a thousand jobs tick together every minute). Bounded retries (~1 min) ride out a database restart.
 */
const control = proxyLocalActivities<CronRunActivities & CronScheduleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/** A tenant's or webroot's jobs all at once (a schedule call each): longer, as ordinary activities. */
const cascade = proxyActivities<CronScheduleActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/** The tick a per-job schedule started this run for (runs begun before the key schedules). */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/**
 * Time for a node's agent to pick the run up before the next node is tried. Only a task no
 * agent started moves on: one that started is never run again elsewhere (at most once per tick).
 */
const PICKUP_TIMEOUT = '1 minute';

/** The node's run (or a tick's batch): never retried (a command is not idempotent), its timeout plus a margin. */
export const onNode = (nodeId: string, timeoutSeconds: number) =>
  proxyActivities<CronActivities>({
    taskQueue: nodeTaskQueue(nodeId),
    scheduleToStartTimeout: PICKUP_TIMEOUT,
    startToCloseTimeout: `${timeoutSeconds + 60} seconds`,
    // Agents heartbeat every running activity (node-agent/src/heartbeat.ts): a node that died
    // mid-run fails the run within this, instead of after its whole timeout.
    heartbeatTimeout: '30 seconds',
    retry: { maximumAttempts: 1, nonRetryableErrorTypes: [...CRON_ERROR_TYPES] },
  });

export function neverPickedUp(error: unknown): boolean {
  let current = error;
  while (current instanceof TemporalFailure && current.cause) current = current.cause;
  return current instanceof TimeoutFailure && current.timeoutType === 'SCHEDULE_TO_START';
}

/** PENDING (or FAILED, on retry) → PROVISIONING → on its key's schedule → ACTIVE. */
export async function syncCronJobWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'CronJob', id } as const;
  await provisioning(ref, async () => {
    await step(recorderOf(ref), 'schedule', 'schedule written', () => control.writeCronSchedule(id));
  });
}

/** DELETING → off its key's schedule (deleted with the key's last job) → DELETED (its history goes with it). */
export async function deleteCronJobWorkflow({ id }: { id: string }): Promise<void> {
  const ref = { type: 'CronJob', id } as const;
  await deleting(ref, async () => {
    await step(recorderOf(ref), 'schedule', 'schedule removed', () => control.removeCronSchedule(id));
  });
}

/** A run: a tick's (its time given by the fan-out) or runCronJobNow's. */
export interface RunCronJobInput {
  id: string;
  trigger: 'SCHEDULE' | 'MANUAL';
  /** The tick's time (ISO 8601); absent for a manual run. */
  scheduledAt?: string;
}

/**
 * One run: checked again when it starts (job enabled, tenant not suspended, FORBID's overlap:
 * a tick racing a suspension or a disable does not run; a FORBID tick skipped is recorded as an
 * event), then the command on the first node whose agent picks it up, then its outcome in the
 * history; the run that reaches the job's failure limit disables it (ticks skip it by its row).
 */
export async function runCronJobWorkflow({ id, trigger, scheduledAt }: RunCronJobInput) {
  const info = workflowInfo();
  const tick = scheduledAt ?? info.typedSearchAttributes.get(SCHEDULED_START)?.toISOString();
  const begun = await control.beginCronRun({
    id,
    trigger,
    workflowId: info.workflowId,
    scheduledAt: trigger === 'SCHEDULE' && tick ? tick : null,
  });
  if ('skipped' in begun) return { skipped: begun.skipped };
  let nodeId: string | null = null;
  let outcome: FinishCronRunInput['outcome'] = { failure: 'the webroot’s shard has no node' };
  // Whatever happens to the run (even this workflow's cancellation), its history row is closed.
  await CancellationScope.nonCancellable(async () => {
    for (const candidate of begun.nodeIds) {
      nodeId = candidate;
      try {
        const result: CronRunResult = await onNode(candidate, begun.spec.timeoutSeconds).runCronJob(begun.spec);
        outcome = { result };
        break;
      } catch (error) {
        outcome = { failure: `no node ran it: ${describeFailure(error)}` };
        if (!neverPickedUp(error)) {
          outcome = { failure: describeFailure(error) };
          break;
        }
      }
    }
    const { disabled } = await control.finishCronRun({ id, runId: begun.runId, nodeId, outcome });
    // Runs begun before the key schedules paused the job's own schedule; ticks now read the row.
    if (disabled && !patched('cron-key-schedules')) {
      await control.pauseCronSchedule(id, 'disabled after consecutive failures');
    }
  });
  return { runId: begun.runId, nodeId };
}

/** The tenant's suspend and unsuspend: every cron job's schedule paused or resumed (steps on the tenant). */
export async function setTenantCronSchedules(plan: TenantPlan, suspended: boolean): Promise<void> {
  if ((await cascade.countTenantCronJobs(plan.tenant.id)) === 0) return;
  const name = suspended ? 'cron jobs paused' : 'cron jobs resumed';
  await step(recorderOf(tenantRef(plan)), name, name, () => cascade.writeTenantCronSchedules(plan.tenant.id));
}

/** The cascade of a webroot's or tenant's delete: its cron jobs' schedules removed, the jobs DELETED. */
export async function removeCronJobsOf(owner: { webrootId: string } | { tenantId: string }): Promise<number> {
  return cascade.removeCronJobsOf(owner);
}

/** convergeShard's cron step: the shard's jobs on their keys' schedules; a failure is reported, not thrown. */
export async function convergeCronShard(
  record: StepRecorder,
  shardId: string,
  failures: ConvergenceFailure[],
): Promise<void> {
  try {
    await step(record, 'cron schedules converged', 'cron jobs on their keys’ schedules', () =>
      cascade.convergeShardCronSchedules(shardId),
    );
  } catch (error) {
    failures.push({ resource: 'cron schedules', node: null, message: describeFailure(error) });
  }
}
