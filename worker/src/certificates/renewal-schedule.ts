import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';

export const RENEWAL_SCHEDULE_ID = 'hostplane-renew-certificates';

/**
 * Makes sure the certificate renewal sweep runs every `minutes` (renewCertificatesWorkflow: due
 * certificates renewed, those of unbound names removed). Every worker calls it at start; the
 * first creates the schedule, the others write its interval again (a changed setting applies).
 */
export async function ensureRenewalSchedule(
  connection: Connection,
  namespace: string,
  minutes: number,
  dataConverter?: DataConverter,
): Promise<void> {
  const client = new Client({ connection, namespace, ...(dataConverter ? { dataConverter } : {}) });
  const spec = { intervals: [{ every: `${minutes} minutes` as const }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'renewCertificatesWorkflow',
    taskQueue: CONTROL_TASK_QUEUE,
    args: [],
  };
  try {
    await client.schedule.create({
      scheduleId: RENEWAL_SCHEDULE_ID,
      spec,
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action,
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(RENEWAL_SCHEDULE_ID).update((current) => ({ ...current, spec, action }));
  }
}
