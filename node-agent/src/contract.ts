/**
 * What workflows may import from the node agent at runtime: plain data only, no Node built-ins,
 * so it is safe inside the deterministic workflow bundle.
 */

import { CAPABILITY_MISSING } from './capabilities/contract.js';

export * from './capabilities/contract.js';

/** Failure types node activities raise for problems a retry cannot fix. */
export const NODE_NON_RETRYABLE_ERROR_TYPES = [
  'TenantUserConflict',
  'InvalidTenantUser',
  'TenantUserMissing',
  CAPABILITY_MISSING,
] as const;

export type NodeNonRetryableErrorType = (typeof NODE_NON_RETRYABLE_ERROR_TYPES)[number];

/** A tenant's Linux account: the same name and UID (= GID) on every node of its shard. */
export interface TenantUserSpec {
  /** `t_` + 10 lowercase letters or digits (Tenant.name). */
  name: string;
  /** Linux UID, also used as the GID of the tenant's own group. */
  uid: number;
}

/** What an ensure/lock/unlock/remove pass did: `changed: false` means the node already matched. */
export interface ReconcileResult {
  changed: boolean;
}
