// What Temporal holds for cron jobs: one tick schedule per (shard, expression, zone) — the job's
// `scheduleKey` — whose action fans out to the jobs' runs. Read with the run's payload key (the
// schedule's arguments are sealed like every payload).
import { payloadDataConverter } from '@hostplane/contract/codec';
import { CONTROL_TASK_QUEUE } from '@hostplane/contract/task-queues';
import { Client, Connection, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { getPlatform } from '../harness/platform.js';
import { uuidOf, withDatabase } from '../support/clients.js';

let connection: Promise<Connection> | null = null;
const temporal = async () =>
  new Client({
    connection: await (connection ??= Connection.connect({ address: getPlatform().temporalAddress })),
    dataConverter: payloadDataConverter({ HOSTPLANE_PAYLOAD_KEY: getPlatform().payloadKey }),
  });

/** The tick schedule the job hangs on now (its row's scheduleKey), or null. */
export async function scheduleKeyOf(jobGlobalId: string): Promise<string | null> {
  const { rows } = await withDatabase((db) =>
    db.query<{ key: string | null }>('SELECT "scheduleKey" AS key FROM "CronJob" WHERE id = $1', [uuidOf(jobGlobalId)]),
  );
  return rows[0]?.key ?? null;
}

/** A tick schedule as Temporal has it: its zone, overlap policy and fan-out; null when gone. */
export async function describeSchedule(scheduleId: string) {
  try {
    const s = await (await temporal()).schedule.getHandle(scheduleId).describe();
    return {
      timeZone: s.spec.timezone,
      overlap: s.policies.overlap,
      paused: s.state.paused,
      workflowType: s.action.type === 'startWorkflow' ? s.action.workflowType : null,
    };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return null;
    throw error;
  }
}

export const ALLOW_ALL = ScheduleOverlapPolicy.ALLOW_ALL;

/** What a tick (cronTickWorkflow) returns. */
interface TickOutcome {
  scheduledAt: string;
  jobs: number;
  started: number;
  alreadyStarted: number;
}

/** The second each schedule was last triggered in (./triggerTickAndWait). */
const lastTrigger = new Map<string, number>();

/**
 * Fires the job's tick schedule now, as its cron expression would, and waits until that tick's
 * workflow has ended (its runs with it). The run keys it began for this job (none when the tick
 * skipped it).
 */
export async function triggerTickAndWait(jobGlobalId: string, timeoutMs = 30_000): Promise<string[]> {
  const client = await temporal();
  const scheduleId = await scheduleKeyOf(jobGlobalId);
  if (!scheduleId) throw new Error(`cron job ${jobGlobalId} has no tick schedule`);
  const handle = client.schedule.getHandle(scheduleId);
  // A tick's workflow id is the schedule's plus the tick's time to the second: two triggers in one
  // second share it, so an action is known by its run too.
  const actionKey = (a: { action: { workflow: { workflowId: string; firstExecutionRunId: string } } }) =>
    `${a.action.workflow.workflowId}/${a.action.workflow.firstExecutionRunId}`;
  const seen = new Set((await handle.describe()).info.recentActions.map(actionKey));
  // And a second trigger within the same second could be refused as that same workflow: wait for
  // the next second.
  const second = Math.floor(Date.now() / 1000);
  if (lastTrigger.get(scheduleId) === second) await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
  lastTrigger.set(scheduleId, Math.floor(Date.now() / 1000));
  await handle.trigger(ALLOW_ALL);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const action = (await handle.describe()).info.recentActions.find((a) => !seen.has(actionKey(a)));
    if (action) {
      const { workflowId, firstExecutionRunId } = action.action.workflow;
      const tick: TickOutcome = await client.workflow.getHandle(workflowId, firstExecutionRunId).result();
      // The run of this job and tick has this key (its history row's) if the tick began it.
      const runId = `cron-run-${uuidOf(jobGlobalId)}-${tick.scheduledAt}`;
      const { rows } = await withDatabase((db) =>
        db.query('SELECT 1 FROM "CronJobRun" WHERE "workflowId" = $1', [runId]),
      );
      const started = rows.length > 0;
      return started ? [runId] : [];
    }
    if (Date.now() > deadline) throw new Error(`schedule ${scheduleId} started nothing`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the job's run for a tick the way a fan-out does (trigger SCHEDULE, the tick's id), as a
 * tick racing a disable or a suspension would after the fan-out read the job; its result.
 */
export async function racingTickRun(jobGlobalId: string): Promise<unknown> {
  const scheduledAt = new Date().toISOString();
  const id = uuidOf(jobGlobalId);
  return (await temporal()).workflow.execute('runCronJobWorkflow', {
    workflowId: `cron-run-${id}-${scheduledAt}`,
    taskQueue: CONTROL_TASK_QUEUE,
    args: [{ id, trigger: 'SCHEDULE', scheduledAt }],
  });
}

/**
 * Delivers a tick of the key by hand (as the schedule would, under a workflow id of its own):
 * the fan-out's outcome (jobs, started, alreadyStarted).
 */
export async function startTick(
  key: { schedule: string; timeZone: string },
  scheduledAt: string,
): Promise<TickOutcome> {
  return (await temporal()).workflow.execute('cronTickWorkflow', {
    workflowId: `e2e-cron-tick-${scheduledAt}-${Math.random().toString(36).slice(2)}`,
    taskQueue: CONTROL_TASK_QUEUE,
    args: [{ shardId: getPlatform().shardId, ...key, scheduledAt }],
  });
}

export async function closeTemporal(): Promise<void> {
  await (await connection)?.close();
  connection = null;
}
