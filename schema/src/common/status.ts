import { registerEnumType } from 'type-graphql';

/** Lifecycle of every async resource (DESIGN.md §4). */
export enum ResourceStatus {
  PENDING = 'PENDING',
  PROVISIONING = 'PROVISIONING',
  ACTIVE = 'ACTIVE',
  FAILED = 'FAILED',
  SUSPENDED = 'SUSPENDED',
  DELETING = 'DELETING',
  DELETED = 'DELETED',
}
registerEnumType(ResourceStatus, {
  name: 'ResourceStatus',
  description:
    'PENDING → PROVISIONING → ACTIVE; FAILED (see statusMessage); SUSPENDED (see suspendReason); DELETING → DELETED.',
});

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Sort direction.' });
