import { createHash } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { chown, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { info } from './admin-connection.js';
import { ValkeyError, type ValkeyDumpResult } from '@hostplane/contract/data-stores';

const SAVE_TIMEOUT_MS = 10 * 60_000;

/**
 * Takes a fresh RDB snapshot with BGSAVE (the instance keeps serving) and waits for it. A save
 * already running may predate the latest writes, so it is waited out and ours started after it.
 */
export async function saveSnapshot(client: Redis): Promise<void> {
  const deadline = Date.now() + SAVE_TIMEOUT_MS;
  const persistence = () => info(client, 'persistence');
  let before = Number((await persistence()).get('rdb_saves'));
  for (;;) {
    const started = await client.bgsave().then(
      () => true,
      (error: Error) => {
        if (/in progress/i.test(error.message)) return false;
        throw error;
      },
    );
    for (;;) {
      const now = await persistence();
      if (now.get('rdb_bgsave_in_progress') === '0') {
        if (!started) break; // the other save is done: start ours now
        if (now.get('rdb_last_bgsave_status') !== 'ok') throw new Error('BGSAVE failed (see the instance log)');
        if (Number(now.get('rdb_saves')) > before) return;
      }
      if (Date.now() > deadline) throw new Error('BGSAVE did not finish in time');
      await sleep(50);
    }
    before = Number((await persistence()).get('rdb_saves'));
  }
}

/** Copies `from` to `to` (beside it first, then renamed); returns size and SHA-256. */
export async function copyWithDigest(
  from: string,
  to: string,
  owner?: { uid: number; gid: number },
): Promise<Omit<ValkeyDumpResult, 'path'>> {
  await mkdir(path.dirname(to), { recursive: true });
  const partial = `${to}.partial`;
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new PassThrough();
  tap.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  try {
    // No symlinks: `data/` is the instance account's, which could plant one to a root-only file.
    const source = await open(from, constants.O_RDONLY | constants.O_NOFOLLOW);
    await pipeline(source.createReadStream(), tap, createWriteStream(partial, { mode: 0o600 }));
    if (owner) await chown(partial, owner.uid, owner.gid);
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Refuses a file that is missing or not an RDB snapshot before the instance is stopped. */
export async function assertRdbFile(file: string): Promise<void> {
  const handle = await open(file, 'r').catch(() => {
    throw new ValkeyError('InvalidValkeyDump', `dump file ${file} does not exist on this node`);
  });
  try {
    const magic = Buffer.alloc(5);
    await handle.read(magic, 0, 5, 0);
    if (magic.toString('latin1') !== 'REDIS') {
      throw new ValkeyError('InvalidValkeyDump', `${file} is not an RDB snapshot`);
    }
  } finally {
    await handle.close();
  }
}
