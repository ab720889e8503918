// An outsider's tools on Temporal's port: raw gRPC, no SDK worker, payloads exactly as given.
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';

/** A Temporal payload as it travels: metadata and bytes, encrypted or not. */
export interface RawPayload {
  metadata?: Record<string, Uint8Array> | null;
  data?: Uint8Array | null;
}

type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** What became of one scheduled activity, from the history. */
export interface ActivityOutcome {
  failed: boolean;
  type?: string;
  message?: string;
  nonRetryable?: boolean;
}

/** temporal.api.enums.v1.CommandType.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK */
const SCHEDULE_ACTIVITY_TASK = 1;
/** A protobuf Duration: its int64 seconds typed as Long, which protobufjs also takes as a number. */
const duration = (seconds: number) => ({ seconds: seconds as never });

/** Polls the workflow's history until `pick` finds the event it waits for. */
export async function outcomeOf<T>(
  handle: WorkflowHandle,
  pick: (event: HistoryEvent) => T | null,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const event of (await handle.fetchHistory()).events ?? []) {
      const found = pick(event);
      if (found !== null) return found;
    }
    if (Date.now() > deadline) throw new Error(`no outcome in the history of ${handle.workflowId}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function activityOutcome(event: HistoryEvent): ActivityOutcome | null {
  const failure = event.activityTaskFailedEventAttributes?.failure;
  if (failure) {
    const info = failure.applicationFailureInfo;
    return { failed: true, type: info?.type ?? '', message: failure.message ?? '', nonRetryable: !!info?.nonRetryable };
  }
  if (event.activityTaskCompletedEventAttributes) return { failed: false };
  if (event.activityTaskTimedOutEventAttributes) return { failed: true, type: 'TimedOut', message: 'timed out' };
  return null;
}

/**
 * Starts a workflow on a queue of the outsider's own, takes its first task and answers it with
 * one command: run `activity` on `taskQueue` with `payloads` as its input, one attempt. Resolves
 * with what the history says became of it; the workflow is terminated afterwards.
 */
export async function scheduleActivity(
  client: Client,
  { taskQueue, activity, payloads }: { taskQueue: string; activity: string; payloads: RawPayload[] },
): Promise<ActivityOutcome> {
  const ownQueue = `outsider-${randomBytes(6).toString('hex')}`;
  const namespace = client.options.namespace;
  const handle = await client.workflow.start('outsiderWorkflow', { taskQueue: ownQueue, workflowId: ownQueue });
  try {
    const service = client.connection.workflowService;
    // A long poll: the server wants a deadline on it.
    const task = await client.connection.withDeadline(Date.now() + 30_000, () =>
      service.pollWorkflowTaskQueue({ namespace, taskQueue: { name: ownQueue }, identity: 'outsider' }),
    );
    await service.respondWorkflowTaskCompleted({
      namespace,
      taskToken: task.taskToken,
      identity: 'outsider',
      commands: [
        {
          commandType: SCHEDULE_ACTIVITY_TASK,
          scheduleActivityTaskCommandAttributes: {
            activityId: '1',
            activityType: { name: activity },
            taskQueue: { name: taskQueue },
            input: { payloads },
            scheduleToCloseTimeout: duration(60),
            startToCloseTimeout: duration(30),
            retryPolicy: { maximumAttempts: 1 },
          },
        },
      ],
    });
    return await outcomeOf(handle, activityOutcome);
  } finally {
    await handle.terminate('outsider test done').catch(() => undefined);
  }
}
