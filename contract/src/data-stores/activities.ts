// The database, Valkey and migration-file activities as workflows proxy them
// (`proxyActivities<DataStoreActivities>`); the node agent's createDatabaseActivities,
// createValkeyActivities and createMigrationActivities implement them. Types only.
import type { MigrationFileDigest } from '../migration/contract.js';
import type { DatabaseChecksum, DatabaseSpec, DatabaseUserSpec } from '../mysql/contract.js';
import type { ReconcileResult } from '../node.js';
import type { ValkeyDumpResult, ValkeyInstanceSpec, ValkeyUserSpec } from '../valkey/contract.js';

/**
 * The activities of a database-role node. Each is idempotent; invalid specs and unsupported
 * charsets fail non-retryably (DATABASE_ERROR_TYPES).
 */
export interface DatabaseActivities {
  /** The database with its charset and collation (validated against the server). */
  ensureDatabase(spec: DatabaseSpec): Promise<ReconcileResult>;
  /** Drops the database and all its users. */
  dropDatabase(input: { name: string }): Promise<ReconcileResult>;
  /** The user's accounts (one per host), password hash and exact privileges. */
  ensureDatabaseUser(spec: DatabaseUserSpec): Promise<ReconcileResult>;
  /** Drops every account of the user and ends its sessions. */
  dropDatabaseUser(input: { name: string }): Promise<ReconcileResult>;
  /** Definitions-and-rows digest; equal on source and target = the migration is verified. */
  checksumDatabase(input: { name: string }): Promise<DatabaseChecksum>;
}

/**
 * The activities of a valkey-role node. Each is idempotent; invalid specs, port clashes and an
 * exceeded memory allowance fail non-retryably (VALKEY_ERROR_TYPES).
 */
export interface ValkeyActivities {
  /** The instance's process, config, users and limits; started if it was not running. */
  ensureValkeyInstance(spec: ValkeyInstanceSpec): Promise<ReconcileResult>;
  /** The instance's complete user list, applied live. */
  ensureValkeyUsers(input: { name: string; users: ValkeyUserSpec[] }): Promise<ReconcileResult>;
  /** Stops the instance and deletes its files and data. */
  removeValkeyInstance(input: { name: string }): Promise<ReconcileResult>;
  /** A fresh RDB snapshot copied to a file on this node (migration source). */
  dumpValkeyInstance(input: { name: string; path: string }): Promise<ValkeyDumpResult>;
  /** Replaces the instance's data with an RDB file on this node (migration target). */
  importValkeyInstance(input: { name: string; path: string }): Promise<ReconcileResult>;
}

/**
 * Moving a database or a Valkey instance between nodes: dumps into and restores from the agent's
 * migration folder (workflows name files, never paths: MIGRATION_FILE_PATTERN), and the chunked
 * copy between nodes.
 */
export interface MigrationActivities {
  /** mysqldump of the database into a migration file (gzip when the name ends in `.gz`). */
  dumpDatabaseToFile(input: { name: string; file: string }): Promise<MigrationFileDigest>;
  /** Replays a migration file into the (existing) database, after checking its digest. */
  restoreDatabaseFromFile(input: { name: string; file: string; digest: MigrationFileDigest }): Promise<ReconcileResult>;
  /** A fresh RDB snapshot of the instance into a migration file. */
  dumpValkeyToFile(input: { name: string; file: string }): Promise<MigrationFileDigest>;
  /** Replaces the instance's data with a migration file, after checking its digest. */
  importValkeyFromFile(input: { name: string; file: string; digest: MigrationFileDigest }): Promise<ReconcileResult>;
  /** One chunk of a migration file (empty at its end). */
  readMigrationChunk(input: { file: string; offset: number }): Promise<Uint8Array>;
  /** Writes one chunk at `offset` (0 starts the file); returns the file's new size. */
  writeMigrationChunk(input: { file: string; offset: number }, data: Uint8Array): Promise<{ bytes: number }>;
  /** Deletes a migration file (done or abandoned). */
  removeMigrationFile(input: { file: string }): Promise<{ changed: boolean }>;
}

/** Every database, Valkey and migration activity a data-store node runs. */
export type DataStoreActivities = DatabaseActivities & ValkeyActivities & MigrationActivities;
