// Review of issue 10: the platform's state folder was 0755, so a tenant could read Temporal's
// SQLite file (every workflow's history) and everything else in it. Probed as the tenant's
// Linux UID: it passes through to its home, but lists nothing and reads no platform file.
import { chmod, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDataDirModes } from '@hostplane/scripts/lib';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { readdirAs, readFileAs } from './tenant-process.js';

describe('platform state as seen by a tenant UID', () => {
  let uid: number;
  let name: string;
  /** This run's state folder: homes/, agent-web/, agent-state/, temporal.sqlite. */
  let stateDir: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'data dir tenant');
    expect((await watchTenant(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    uid = tenant.uid;
    name = tenant.name;
    stateDir = path.dirname(getPlatform().homeRoot);
  }, 60_000);

  afterAll(closeClients);

  it('cannot read Temporal’s SQLite file or its write-ahead log', async () => {
    const db = path.join(stateDir, 'temporal.sqlite');
    expect(await readFileAs(null, db)).toBe('OK');
    expect(await readFileAs(uid, db)).toBe('EACCES');
    // -wal and -shm come and go with SQLite's checkpoints: those there now are the owner's alone.
    const sidecars = (await readdir(stateDir)).filter((f) => /^temporal\.sqlite-/.test(f));
    for (const file of sidecars) {
      const mode = (await stat(path.join(stateDir, file)).catch(() => null))?.mode;
      if (mode !== undefined) expect([file, mode & 0o077]).toEqual([file, 0]);
    }
  });

  it('cannot list the state folder or enter the agent’s, yet reaches its own home', async () => {
    expect(await readdirAs(uid, stateDir)).toBe('EACCES');
    expect(await readdirAs(uid, path.join(stateDir, 'agent-state'))).toBe('EACCES');
    expect(await readdirAs(uid, path.join(getPlatform().homeRoot, name))).toBe('OK');
  });

  describe('npm start’s data folder', () => {
    let dataDir: string;

    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'hostplane-data-dir-test-'));
      prepareDataDirModes(dataDir);
      await writeFile(path.join(dataDir, 'run', 'api.pid'), '1234\n');
      await writeFile(path.join(dataDir, 'logs', 'api.log'), 'a log line\n');
    });

    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('is passable but not listable, its pid files and logs closed', async () => {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
      expect(await readdirAs(uid, dataDir)).toBe('EACCES');
      expect(await readFileAs(uid, path.join(dataDir, 'run', 'api.pid'))).toBe('EACCES');
      expect(await readFileAs(uid, path.join(dataDir, 'logs', 'api.log'))).toBe('EACCES');
      expect(await readFileAs(null, path.join(dataDir, 'logs', 'api.log'))).toBe('OK');
    });

    it('narrows the folders of an earlier, wider start', async () => {
      await chmod(dataDir, 0o755);
      await chmod(path.join(dataDir, 'run'), 0o755);
      prepareDataDirModes(dataDir);
      expect((await stat(dataDir)).mode & 0o777).toBe(0o711);
      expect((await stat(path.join(dataDir, 'run'))).mode & 0o777).toBe(0o700);
    });
  });
});
