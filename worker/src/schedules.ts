import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';
import type { RetentionPolicy } from './activities/maintenance.activities.js';

export const PRUNE_SCHEDULE_ID = 'hostplane-prune-history';

/**
 * Makes sure the daily history-pruning schedule exists. Every worker calls this at start; the
 * first creates it, the rest find it there (a schedule id is unique per namespace) and write its
 * action again: its arguments are sealed anew with the current payload key, so a schedule made
 * before a key rotation keeps running once the old key is retired (docs/production-temporal.md).
 */
export async function ensureMaintenanceSchedules(
  connection: Connection,
  namespace: string,
  policy: RetentionPolicy,
  dataConverter?: DataConverter,
): Promise<void> {
  const client = new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) });
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'pruneHistoryWorkflow',
    taskQueue: CONTROL_TASK_QUEUE,
    args: [policy],
  };
  const create = () =>
    client.schedule
      .create({
        scheduleId: PRUNE_SCHEDULE_ID,
        spec: { calendars: [{ hour: 3, minute: 17 }] },
        policies: { overlap: ScheduleOverlapPolicy.SKIP },
        action,
      })
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof ScheduleAlreadyRunning) return false;
          throw error;
        },
      );
  if (await create()) return;
  const handle = client.schedule.getHandle(PRUNE_SCHEDULE_ID);
  await handle
    .update((current) => ({ ...current, action }))
    .catch(async () => {
      // Arguments sealed with a key this worker no longer holds cannot be read back: replace it.
      await handle.delete();
      await create();
    });
}
