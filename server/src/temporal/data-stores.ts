/**
 * Workflows of databases and Valkey (part of the Temporal contract: re-exported by contract.ts).
 * One workflow per resource and operation; ids from business ids, so a double submit cannot
 * start a second run.
 */
import type { WorkflowName } from './workflows.js';

export type DataStoreResourceType =
  'Database' | 'DatabaseUser' | 'DatabaseAccessRule' | 'ValkeyInstance' | 'ValkeyUser';

/** CREATE and UPDATE converge to the stored state; MIGRATE moves to `migratingToShardId`. */
export type DataStoreOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'MIGRATE';

export const dataStoreWorkflowName: Record<DataStoreResourceType, Partial<Record<DataStoreOperation, WorkflowName>>> = {
  Database: {
    CREATE: 'createDatabaseWorkflow',
    DELETE: 'deleteDatabaseWorkflow',
    MIGRATE: 'migrateDatabaseWorkflow',
  },
  DatabaseUser: {
    CREATE: 'syncDatabaseUserWorkflow',
    UPDATE: 'syncDatabaseUserWorkflow',
    DELETE: 'deleteDatabaseUserWorkflow',
  },
  DatabaseAccessRule: {
    CREATE: 'syncDatabaseAccessRuleWorkflow',
    DELETE: 'deleteDatabaseAccessRuleWorkflow',
  },
  ValkeyInstance: {
    CREATE: 'syncValkeyInstanceWorkflow',
    UPDATE: 'syncValkeyInstanceWorkflow',
    DELETE: 'deleteValkeyInstanceWorkflow',
    MIGRATE: 'migrateValkeyInstanceWorkflow',
  },
  ValkeyUser: {
    CREATE: 'syncValkeyUserWorkflow',
    UPDATE: 'syncValkeyUserWorkflow',
    DELETE: 'deleteValkeyUserWorkflow',
  },
};

/** `database-user-update-<uuid>` and the like. */
export function dataStoreWorkflowId(type: DataStoreResourceType, operation: DataStoreOperation, id: string): string {
  const kebab = type.replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase());
  return `${kebab}-${operation.toLowerCase()}-${id}`;
}

/** Copies a migration file from one node to another in chunks (a child of the migrate workflows). */
export interface TransferFileWorkflowInput {
  fromNodeId: string;
  toNodeId: string;
  fromFile: string;
  toFile: string;
  /** Where to continue (continue-as-new keeps each run's history small). */
  offset: number;
}
