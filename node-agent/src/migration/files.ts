import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';
import { confinedPath } from './confine.js';
import {
  MIGRATION_CHUNK_BYTES,
  MIGRATION_FILE_PATTERN,
  type MigrationFileDigest,
} from '@hostplane/contract/data-stores';

/** The agent's migration folder: the only place an activity input may name a file in. */
export const migrationDirOf = (stateDir: string): string => path.join(stateDir, 'migrations');

function invalid(message: string): NonRetryableError {
  return new NonRetryableError('InvalidMigrationFile', message);
}

/**
 * The agent's folder of migration dumps. A dump is written on the source node, copied chunk by
 * chunk through the workflow to each target node (nodes only ever talk to Temporal), checked
 * against the source's SHA-256 there, and removed from both ends when the migration is done.
 */
export class MigrationFiles {
  constructor(readonly dir: string) {
    if (!path.isAbsolute(dir)) throw new Error(`migration dir must be absolute: ${dir}`);
  }

  /** The absolute path of a migration file; refuses anything but a plain name. */
  path(file: string): string {
    if (!MIGRATION_FILE_PATTERN.test(file) || file.includes('..')) {
      throw invalid(`invalid migration file name "${file}"`);
    }
    return path.join(this.dir, file);
  }

  /**
   * The real path of a migration file, checked to stay inside the folder: a symlink in its
   * place (or the folder's) that points elsewhere is refused (PathOutsideAgentFolder).
   */
  async resolve(file: string): Promise<string> {
    const named = this.path(file);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    return confinedPath(this.dir, named);
  }

  /** Up to `length` bytes from `offset`; fewer (or none) at the end of the file. */
  async read(file: string, offset: number, length = MIGRATION_CHUNK_BYTES): Promise<Uint8Array> {
    if (!Number.isInteger(offset) || offset < 0) throw invalid(`invalid offset ${offset}`);
    const handle = await open(await this.resolve(file), 'r').catch(() => {
      throw invalid(`migration file ${file} does not exist on this node`);
    });
    try {
      const buffer = Buffer.alloc(Math.min(length, MIGRATION_CHUNK_BYTES));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /**
   * Writes `data` at `offset` (offset 0 starts the file afresh). Idempotent: a retried chunk
   * lands on the same bytes; the file is cut at the chunk's end so a retry never leaves a tail.
   */
  async write(file: string, offset: number, data: Uint8Array): Promise<{ bytes: number }> {
    const target = await this.resolve(file);
    if (offset === 0) await rm(target, { force: true });
    const size = await stat(target).then(
      (s) => s.size,
      () => 0,
    );
    if (offset > size) throw invalid(`chunk at ${offset} would leave a gap in ${file} (${size} bytes)`);
    const handle = await open(target, offset === 0 ? 'w' : 'r+', 0o600);
    try {
      await handle.write(data, 0, data.length, offset);
      await handle.truncate(offset + data.length);
    } finally {
      await handle.close();
    }
    return { bytes: offset + data.length };
  }

  /** Size and SHA-256 of a file (the target compares it with the source's before restoring). */
  async digest(file: string): Promise<MigrationFileDigest> {
    const target = await this.resolve(file);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of createReadStream(target)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
    return { bytes, sha256: hash.digest('hex') };
  }

  /** Throws non-retryably unless the file is exactly `expected`. */
  async verify(file: string, expected: MigrationFileDigest): Promise<void> {
    const actual = await this.digest(file).catch(() => null);
    if (!actual || actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes) {
      throw new NonRetryableError(
        'MigrationFileCorrupt',
        `${file}: expected ${expected.bytes} bytes with sha256 ${expected.sha256}, ` +
          `found ${actual ? `${actual.bytes} bytes with ${actual.sha256}` : 'no file'}`,
      );
    }
  }

  /** Deletes the file; true if it existed. */
  async remove(file: string): Promise<boolean> {
    const target = await this.resolve(file);
    const existed = await stat(target).then(
      () => true,
      () => false,
    );
    await rm(target, { force: true });
    return existed;
  }
}
