import type { ResourceStatus } from '@hostplane/schema-types';

/** Every status, in lifecycle order (for filters and legends). */
export const RESOURCE_STATUSES = [
  'PENDING',
  'PROVISIONING',
  'ACTIVE',
  'FAILED',
  'SUSPENDED',
  'DELETING',
  'DELETED',
] as const satisfies readonly ResourceStatus[];

/** Statuses in which a workflow is still running (the progress view shows it live). */
export const BUSY_STATUSES: readonly ResourceStatus[] = ['PENDING', 'PROVISIONING', 'DELETING'];
