import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { confinedPath, PATH_OUTSIDE_AGENT_FOLDER } from './confine.js';
import { MIGRATION_CHUNK_BYTES } from '@hostplane/contract/data-stores';
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

  it('refuses a migration file that is a symlink out of its folder, and writes nothing through it', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'hp-elsewhere-'));
    try {
      const victim = path.join(elsewhere, 'victim');
      await writeFile(victim, 'keep me');
      await symlink(victim, path.join(dir, 'planted.in'));
      const refused = expect.objectContaining({ type: PATH_OUTSIDE_AGENT_FOLDER });
      await expect(files.write('planted.in', 0, Buffer.from('owned'))).rejects.toEqual(refused);
      await expect(files.read('planted.in', 0)).rejects.toEqual(refused);
      await expect(files.digest('planted.in')).rejects.toEqual(refused);
      expect(await readFile(victim, 'utf8')).toBe('keep me');
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('confinedPath', () => {
  it('takes paths inside the folder, existing or not, and refuses the way out by .. or by a link', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'hp-root-'));
    try {
      await mkdir(path.join(root, 'sub'));
      await symlink('/etc', path.join(root, 'sub', 'etc'));
      await symlink(path.join(root, 'sub'), path.join(root, 'inner'));
      expect(await confinedPath(root, path.join(root, 'sub', 'new', 'file'))).toBe(path.join(root, 'sub/new/file'));
      expect(await confinedPath(root, path.join(root, 'inner', 'x'))).toBe(path.join(root, 'sub', 'x'));
      for (const bad of [
        path.join(root, 'sub', 'etc', 'shadow'),
        path.join(root, 'sub', 'etc', 'nothing-here', 'file'),
        `${root}/../elsewhere`,
        `${root}-sibling/file`,
        root,
        'relative/file',
        42,
      ]) {
        await expect(confinedPath(root, bad), String(bad)).rejects.toMatchObject({ type: PATH_OUTSIDE_AGENT_FOLDER });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
