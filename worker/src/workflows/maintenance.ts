import { proxyActivities } from '@temporalio/workflow';
import type { MaintenanceActivities, RetentionPolicy } from '../activities/maintenance.activities.js';

const { pruneHistory } = proxyActivities<MaintenanceActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { maximumAttempts: 3 },
});

/** Run by the `hostplane-prune-history` schedule (see ../schedules.ts): DESIGN.md §4b retention. */
export async function pruneHistoryWorkflow(policy: RetentionPolicy): Promise<{ events: number; auditEntries: number }> {
  return pruneHistory(policy);
}
