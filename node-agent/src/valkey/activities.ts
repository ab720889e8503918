import type { Logger } from 'pino';
import { reconcile } from '../reconcile.js';
import type { ValkeyActivities, ValkeyInstanceSpec, ValkeyUserSpec } from '@hostplane/contract/data-stores';
import type { ValkeyManager } from './valkey.manager.js';

export interface ValkeyActivityDeps {
  valkey: ValkeyManager;
  logger: Logger;
}

/**
 * The activities of a valkey-role node, on its `node-<id>` task queue. Each is idempotent;
 * invalid specs, port clashes and an exceeded memory allowance fail non-retryably
 * (VALKEY_ERROR_TYPES). Logs carry names only, never password hashes.
 */
export function createValkeyActivities({ valkey, logger }: ValkeyActivityDeps): ValkeyActivities {
  return {
    /** The instance's process, config, users and limits; started if it was not running. */
    ensureValkeyInstance: (spec: ValkeyInstanceSpec) =>
      reconcile(logger, 'ensureValkeyInstance', { valkeyInstance: spec.name }, () => valkey.ensureInstance(spec)),
    /** The instance's complete user list, applied live. */
    ensureValkeyUsers: (input: { name: string; users: ValkeyUserSpec[] }) =>
      reconcile(logger, 'ensureValkeyUsers', { valkeyInstance: input.name }, () => valkey.ensureUsers(input)),
    /** Stops the instance and deletes its files and data. */
    removeValkeyInstance: (input: { name: string }) =>
      reconcile(logger, 'removeValkeyInstance', { valkeyInstance: input.name }, () => valkey.removeInstance(input)),
    /** A fresh RDB snapshot copied to a file on this node (migration source). */
    dumpValkeyInstance: (input: { name: string; path: string }) =>
      reconcile(logger, 'dumpValkeyInstance', { valkeyInstance: input.name }, () => valkey.dumpInstance(input)),
    /** Replaces the instance's data with an RDB file on this node (migration target). */
    importValkeyInstance: (input: { name: string; path: string }) =>
      reconcile(logger, 'importValkeyInstance', { valkeyInstance: input.name }, () => valkey.importInstance(input)),
  };
}
