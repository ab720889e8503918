import type { Db } from '@hostplane/server/db';
import type { Logger } from 'pino';

/** Rows deleted per statement: keeps each delete short so it never blocks event writers long. */
const BATCH = 5_000;

export interface RetentionPolicy {
  /** Events (status changes and steps) older than this are deleted. */
  eventDays: number;
  /** Audit entries older than this are deleted. */
  auditDays: number;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000);

/** Housekeeping of the control-plane database; each run deletes only what is past retention. */
export function createMaintenanceActivities(deps: { db: Db; logger: Logger }) {
  async function deleteInBatches(table: 'Event' | 'AuditLog', key: 'cursor' | 'id', column: string, before: Date) {
    let total = 0;
    for (;;) {
      // Batched by key so one run over millions of rows is many short transactions.
      const deleted = await deps.db.$executeRawUnsafe(
        `DELETE FROM "${table}" WHERE "${key}" IN (SELECT "${key}" FROM "${table}" WHERE "${column}" < $1 ORDER BY "${key}" LIMIT ${BATCH})`,
        before,
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }

  return {
    /** Deletes events and audit entries past their retention; safe to run at any time. */
    async pruneHistory(policy: RetentionPolicy): Promise<{ events: number; auditEntries: number }> {
      const events = await deleteInBatches('Event', 'cursor', 'at', daysAgo(policy.eventDays));
      const auditEntries = await deleteInBatches('AuditLog', 'id', 'at', daysAgo(policy.auditDays));
      deps.logger.info({ events, auditEntries, ...policy }, 'history pruned');
      return { events, auditEntries };
    },
  };
}

export type MaintenanceActivities = ReturnType<typeof createMaintenanceActivities>;
