import type { Logger } from 'pino';
import type { DatabaseActivities, DatabaseSpec, DatabaseUserSpec } from '@hostplane/contract/data-stores';
import type { MysqlManager } from './mysql.manager.js';
import { reconcile } from '../reconcile.js';

export interface DatabaseActivityDeps {
  mysql: MysqlManager;
  logger: Logger;
}

/**
 * The activities of a database-role node, on its `node-<id>` task queue. Each is idempotent;
 * invalid specs and unsupported charsets fail non-retryably (DATABASE_ERROR_TYPES). Logs carry
 * names only, never password hashes. Dumps and restores go through the migration activities,
 * which name files in the agent's migration folder, never paths (../migration/activities.ts).
 */
export function createDatabaseActivities({ mysql, logger }: DatabaseActivityDeps): DatabaseActivities {
  return {
    /** The database with its charset and collation (validated against the server). */
    ensureDatabase: (spec: DatabaseSpec) =>
      reconcile(logger, 'ensureDatabase', { database: spec.name }, () => mysql.ensureDatabase(spec)),
    /** Drops the database and all its users. */
    dropDatabase: (input: { name: string }) =>
      reconcile(logger, 'dropDatabase', { database: input.name }, () => mysql.dropDatabase(input)),
    /** The user's accounts (one per host), password hash and exact privileges. */
    ensureDatabaseUser: (spec: DatabaseUserSpec) =>
      reconcile(logger, 'ensureDatabaseUser', { databaseUser: spec.name }, () => mysql.ensureUser(spec)),
    /** Drops every account of the user and ends its sessions. */
    dropDatabaseUser: (input: { name: string }) =>
      reconcile(logger, 'dropDatabaseUser', { databaseUser: input.name }, () => mysql.dropUser(input)),
    /** Definitions-and-rows digest; equal on source and target = the migration is verified. */
    checksumDatabase: (input: { name: string }) =>
      reconcile(logger, 'checksumDatabase', { database: input.name }, () => mysql.checksumDatabase(input)),
  };
}
