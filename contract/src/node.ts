/**
 * A node's tenant accounts as workflows and the node agent share them (`@hostplane/contract/node`):
 * plain data only, no Node built-ins, so it is safe inside the deterministic workflow bundle.
 */

import { CAPABILITY_MISSING } from './capabilities.js';

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

/**
 * The node agent's tenant-account activities (task queue `node-<id>`; see ./task-queues.ts), as
 * workflows proxy them (`proxyActivities<NodeActivities>`). Each is an idempotent "ensure", so a
 * retry or a repeated workflow converges; the agent's createNodeActivities implements it.
 */
export interface NodeActivities {
  /** The tenant's user and group (GID = UID), unlocked, with its home folders. */
  ensureTenantUser(spec: TenantUserSpec): Promise<ReconcileResult>;
  /** Locks, expires and gives nologin to the tenant's account (suspension). */
  lockTenantUser(input: { name: string }): Promise<ReconcileResult>;
  /** Reverses lockTenantUser. */
  unlockTenantUser(input: { name: string; shell?: string }): Promise<ReconcileResult>;
  /** Kills the tenant's processes and deletes its user, group and home. */
  removeTenantUser(input: { name: string }): Promise<ReconcileResult>;
}
