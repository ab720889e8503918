// The action of a key's tick schedule (../cron-jobs/cron-keys.ts): one workflow per tick that
// runs every runnable job of the key, in a batch per node (../cron-jobs/cron-batch.activities.ts).
// Deterministic code: types and workflow APIs.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { CancellationScope, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CronBatchOutcome } from '@hostplane/contract/cron-jobs';
import type { CronBatchActivities, CronTickBatch, FinishCronBatchInput } from '../cron-jobs/cron-batch.activities.js';
import type { CronKey } from '../cron-jobs/cron-keys.js';
import type { CronTickActivities, CronTickOutcome } from '../cron-jobs/cron-tick.activities.js';
import { neverPickedUp, onNode } from './cron-job-lifecycle.js';
import { describeFailure } from './steps.js';

/** The tick's time: Temporal sets it on every workflow a schedule starts. */
const SCHEDULED_START = defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME);

/** Ticks begun before the batches: one run workflow started per job (replay only). */
const { startCronRuns } = proxyActivities<CronTickActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/**
 * The database side of a tick, on the control queue: a few calls per node and tick. Retried
 * (~1 min, a database restart): each is idempotent (the begin by its claim, a finish by the
 * rows' RUNNING state).
 */
const control = proxyActivities<CronBatchActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 10 },
});

/**
 * One batch: its specs, then the first of its nodes whose agent picks it up starts all of its
 * runs side by side (a node that never picked it up passes it on; one that did is never tried
 * again: at most once per tick). The agent answers as runs end (a few at a time), each answer's
 * ends are recorded in one write, and the rest are asked for again from that node, which starts
 * nothing then. Whatever happens, every row is closed.
 */
async function runBatch(batch: CronTickBatch): Promise<void> {
  const { runs, failed } = await control.cronBatchSpecs(batch.runIds);
  if (failed.length > 0) await control.finishCronBatch({ nodeId: null, outcomes: failed });
  if (runs.length === 0) return;
  const failAll = (failure: string) => runs.map(({ runId }) => ({ runId, failure }));
  let pending = runs;
  let nodeId: string | null = null;
  let outcomes: FinishCronBatchInput['outcomes'] = failAll('the webroot’s shard has no node');
  // Its node: the first candidate that picks the batch up (and so starts it).
  for (const candidate of batch.nodeIds) {
    nodeId = candidate;
    try {
      outcomes = (await onNode(candidate, batch.timeoutSeconds).runCronBatch(runs)).map(recorded);
      break;
    } catch (error) {
      const unpicked = neverPickedUp(error);
      outcomes = failAll(unpicked ? `no node ran it: ${describeFailure(error)}` : describeFailure(error));
      if (!unpicked) break;
    }
  }
  for (;;) {
    await control.finishCronBatch({ nodeId, outcomes });
    const ended = new Set(outcomes.map((o) => o.runId));
    pending = pending.filter((r) => !ended.has(r.runId));
    if (pending.length === 0 || nodeId === null) return;
    try {
      outcomes = (await onNode(nodeId, batch.timeoutSeconds).runCronBatch(pending, { continuing: true })).map(recorded);
    } catch (error) {
      outcomes = pending.map(({ runId }) => ({ runId, failure: describeFailure(error) }));
    }
  }
}

/** A node's answer for a run as the history records it. */
const recorded = (o: CronBatchOutcome): FinishCronBatchInput['outcomes'][number] =>
  'result' in o ? o : { runId: o.runId, failure: o.refused };

/**
 * Runs this tick of the key's jobs. The tick is the schedule's time; `scheduledAt` names it
 * instead when a tick is delivered by hand (a replayed or re-delivered tick). Its runs are
 * claimed by this workflow's run id: another delivery of the same tick starts none of them.
 */
export async function cronTickWorkflow({
  scheduledAt,
  ...key
}: CronKey & { scheduledAt?: string }): Promise<CronTickOutcome> {
  const info = workflowInfo();
  const tick = scheduledAt ?? (info.typedSearchAttributes.get(SCHEDULED_START) ?? info.startTime).toISOString();
  if (!patched('cron-tick-batches')) return startCronRuns({ ...key, scheduledAt: tick });
  const { batches, ...outcome } = await control.beginCronTick({ ...key, scheduledAt: tick, tickRunId: info.runId });
  // The rows are RUNNING now: even a cancelled tick closes them.
  await CancellationScope.nonCancellable(() => Promise.all(batches.map(runBatch)));
  return outcome;
}
