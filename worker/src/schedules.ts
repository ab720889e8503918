import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';
import type { RetentionPolicy } from './activities/maintenance.activities.js';

export const PRUNE_SCHEDULE_ID = 'hostplane-prune-history';

/**
 * Makes sure the daily history-pruning schedule exists. Every worker calls this at start; the
 * first creates it, the rest find it there (a schedule id is unique per namespace).
 */
export async function ensureMaintenanceSchedules(
  connection: Connection,
  namespace: string,
  policy: RetentionPolicy,
  dataConverter?: DataConverter,
): Promise<void> {
  const client = new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) });
  try {
    await client.schedule.create({
      scheduleId: PRUNE_SCHEDULE_ID,
      spec: { calendars: [{ hour: 3, minute: 17 }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: {
        type: 'startWorkflow',
        workflowType: 'pruneHistoryWorkflow',
        taskQueue: CONTROL_TASK_QUEUE,
        args: [policy],
      },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
