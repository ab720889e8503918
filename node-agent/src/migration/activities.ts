import type { Logger } from 'pino';
import type { MysqlManager } from '../mysql/mysql.manager.js';
import { reconcile } from '../reconcile.js';
import type { ValkeyManager } from '../valkey/valkey.manager.js';
import type { MigrationActivities, MigrationFileDigest } from '@hostplane/contract/data-stores';
import type { MigrationFiles } from './files.js';

export interface MigrationActivityDeps {
  mysql: MysqlManager;
  valkey: ValkeyManager;
  files: MigrationFiles;
  logger: Logger;
}

const digestOf = (result: { bytes: number; sha256: string }): MigrationFileDigest => ({
  bytes: result.bytes,
  sha256: result.sha256,
});

/**
 * Moving a database or a Valkey instance between nodes: dumps into and restores from the
 * agent's migration folder (workflows name files, never paths), and the chunked copy between
 * nodes. Chunks travel as top-level `Uint8Array`s, which Temporal carries as raw binary.
 */
export function createMigrationActivities({
  mysql,
  valkey,
  files,
  logger,
}: MigrationActivityDeps): MigrationActivities {
  return {
    /** mysqldump of the database into a migration file (gzip when the name ends in `.gz`). */
    dumpDatabaseToFile: (input: { name: string; file: string }) =>
      reconcile(logger, 'dumpDatabaseToFile', { database: input.name }, async () =>
        digestOf(await mysql.dumpDatabase({ name: input.name, path: await files.resolve(input.file) })),
      ),
    /** Replays a migration file into the (existing) database, after checking its digest. */
    restoreDatabaseFromFile: (input: { name: string; file: string; digest: MigrationFileDigest }) =>
      reconcile(logger, 'restoreDatabaseFromFile', { database: input.name }, async () => {
        await files.verify(input.file, input.digest);
        return mysql.restoreDatabase({ name: input.name, path: await files.resolve(input.file) });
      }),
    /** A fresh RDB snapshot of the instance into a migration file. */
    dumpValkeyToFile: (input: { name: string; file: string }) =>
      reconcile(logger, 'dumpValkeyToFile', { valkeyInstance: input.name }, async () =>
        digestOf(await valkey.dumpInstance({ name: input.name, path: await files.resolve(input.file) })),
      ),
    /** Replaces the instance's data with a migration file, after checking its digest. */
    importValkeyFromFile: (input: { name: string; file: string; digest: MigrationFileDigest }) =>
      reconcile(logger, 'importValkeyFromFile', { valkeyInstance: input.name }, async () => {
        await files.verify(input.file, input.digest);
        return valkey.importInstance({ name: input.name, path: await files.resolve(input.file) });
      }),
    /** One chunk of a migration file (empty at its end). */
    readMigrationChunk: (input: { file: string; offset: number }) =>
      reconcile(logger, 'readMigrationChunk', { file: input.file }, () => files.read(input.file, input.offset)),
    /** Writes one chunk at `offset` (0 starts the file); returns the file's new size. */
    writeMigrationChunk: (input: { file: string; offset: number }, data: Uint8Array) =>
      reconcile(logger, 'writeMigrationChunk', { file: input.file }, () => files.write(input.file, input.offset, data)),
    /** Deletes a migration file (done or abandoned). */
    removeMigrationFile: (input: { file: string }) =>
      reconcile(logger, 'removeMigrationFile', { file: input.file }, async () => ({
        changed: await files.remove(input.file),
      })),
  };
}
