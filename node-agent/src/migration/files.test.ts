import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATION_CHUNK_BYTES } from './contract.js';
import { MigrationFiles } from './files.js';

const dir = await mkdtemp(path.join(tmpdir(), 'hp-migration-'));
const files = new MigrationFiles(dir);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('MigrationFiles', () => {
  it('copies a file chunk by chunk, byte for byte, and verifies it', async () => {
    const data = randomBytes(MIGRATION_CHUNK_BYTES * 2 + 12_345);
    await files.write('source.out', 0, data);
    let offset = 0;
    for (;;) {
      const chunk = await files.read('source.out', offset);
      await files.write('target.in', offset, chunk);
      offset += chunk.length;
      if (chunk.length < MIGRATION_CHUNK_BYTES) break;
    }
    expect((await readFile(path.join(dir, 'target.in'))).equals(data)).toBe(true);
    const digest = { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    expect(await files.digest('target.in')).toEqual(digest);
    await files.verify('target.in', digest);
  });

  it('lands a retried chunk on the same bytes and cuts any tail', async () => {
    await files.write('retry.in', 0, Buffer.from('aaaabbbb'));
    await files.write('retry.in', 4, Buffer.from('cc'));
    expect(await readFile(path.join(dir, 'retry.in'), 'utf8')).toBe('aaaacc');
    await expect(files.write('retry.in', 99, Buffer.from('x'))).rejects.toThrow(/gap/);
  });

  it('refuses a corrupt copy and names outside its folder', async () => {
    await files.write('bad.in', 0, Buffer.from('hello'));
    await expect(files.verify('bad.in', { bytes: 5, sha256: '0'.repeat(64) })).rejects.toMatchObject({
      type: 'MigrationFileCorrupt',
    });
    for (const name of ['../etc/passwd', '/etc/passwd', 'a/b', '.hidden', '']) {
      expect(() => files.path(name)).toThrow(/invalid migration file name/);
    }
    expect(await files.remove('bad.in')).toBe(true);
    expect(await files.remove('bad.in')).toBe(false);
  });
});
