import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import type { ReconcileResult, TenantUserSpec } from './contract.js';
import { TenantUserError } from './linux-users/errors.js';
import type { TenantUserManager } from './linux-users/tenant-user.manager.js';

export interface NodeActivityDeps {
  tenantUsers: TenantUserManager;
  logger: Logger;
}

/**
 * Runs one reconcile step and logs its outcome. Errors a retry cannot fix become non-retryable
 * ApplicationFailures carrying the readable message; anything else (a busy /etc/passwd lock, a
 * transient command failure) is rethrown as is, so Temporal retries it.
 */
async function reconcile(
  deps: NodeActivityDeps,
  action: string,
  name: string,
  run: () => Promise<ReconcileResult>,
): Promise<ReconcileResult> {
  try {
    const result = await run();
    deps.logger.info({ action, tenantUser: name, changed: result.changed }, 'reconciled');
    return result;
  } catch (error) {
    deps.logger.warn({ action, tenantUser: name, err: error }, 'reconcile failed');
    if (error instanceof TenantUserError) {
      throw ApplicationFailure.create({
        type: error.type,
        message: error.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
}

/**
 * The node agent's activities. They run on the `node-<id>` task queue of the node they change;
 * each is an idempotent "ensure" so a retry or a repeated workflow converges.
 */
export function createNodeActivities(deps: NodeActivityDeps) {
  const users = deps.tenantUsers;
  return {
    /** The tenant's user and group (GID = UID), unlocked, with its home folders. */
    ensureTenantUser: (spec: TenantUserSpec) =>
      reconcile(deps, 'ensureTenantUser', spec.name, () => users.ensure(spec)),
    /** Locks, expires and gives nologin to the tenant's account (suspension). */
    lockTenantUser: (input: { name: string }) =>
      reconcile(deps, 'lockTenantUser', input.name, () => users.lock(input)),
    /** Reverses lockTenantUser. */
    unlockTenantUser: (input: { name: string; shell?: string }) =>
      reconcile(deps, 'unlockTenantUser', input.name, () => users.unlock(input)),
    /** Kills the tenant's processes and deletes its user, group and home. */
    removeTenantUser: (input: { name: string }) =>
      reconcile(deps, 'removeTenantUser', input.name, () => users.remove(input)),
  };
}

/** The activity interface workflows proxy (`proxyActivities<NodeActivities>`). */
export type NodeActivities = ReturnType<typeof createNodeActivities>;
