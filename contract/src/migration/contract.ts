// What workflows share with the migration-file activities: plain data only, no Node built-ins.

/**
 * A migration file's name inside the agent's migration folder: workflows never name a path on
 * a node, only this (the agent resolves it), so no activity can be pointed at another file.
 */
export const MIGRATION_FILE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,120}$/;

/** Bytes per chunk copied from one node to another (well under Temporal's 2 MB payload limit). */
export const MIGRATION_CHUNK_BYTES = 1024 * 1024;

/** Failure types of the migration-file activities that a retry cannot fix. */
export const MIGRATION_ERROR_TYPES = ['InvalidMigrationFile', 'MigrationFileCorrupt'] as const;

/** Size and SHA-256 of a dump file, so the copy on the target node can be checked. */
export interface MigrationFileDigest {
  bytes: number;
  sha256: string;
}
