import type { Logger } from 'pino';
import type { NodeActivities, TenantUserSpec } from '@hostplane/contract/node';
import type { TenantUserManager } from './linux-users/tenant-user.manager.js';
import { reconcile } from './reconcile.js';

export interface NodeActivityDeps {
  tenantUsers: TenantUserManager;
  logger: Logger;
}

/**
 * The node agent's activities. They run on the `node-<id>` task queue of the node they change;
 * each is an idempotent "ensure" so a retry or a repeated workflow converges.
 */
export function createNodeActivities(deps: NodeActivityDeps): NodeActivities {
  const { tenantUsers: users, logger } = deps;
  return {
    /** The tenant's user and group (GID = UID), unlocked, with its home folders. */
    ensureTenantUser: (spec: TenantUserSpec) =>
      reconcile(logger, 'ensureTenantUser', { tenantUser: spec.name }, () => users.ensure(spec)),
    /** Locks, expires and gives nologin to the tenant's account (suspension). */
    lockTenantUser: (input: { name: string }) =>
      reconcile(logger, 'lockTenantUser', { tenantUser: input.name }, () => users.lock(input)),
    /** Reverses lockTenantUser. */
    unlockTenantUser: (input: { name: string; shell?: string }) =>
      reconcile(logger, 'unlockTenantUser', { tenantUser: input.name }, () => users.unlock(input)),
    /** Kills the tenant's processes and deletes its user, group and home. */
    removeTenantUser: (input: { name: string }) =>
      reconcile(logger, 'removeTenantUser', { tenantUser: input.name }, () => users.remove(input)),
  };
}
