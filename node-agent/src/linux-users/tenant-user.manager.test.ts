import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ApplicationFailure } from '@temporalio/activity';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeActivities } from '../activities.js';
import { forceRemoveAccount, getent, randomTenantName, randomUid, shadowOf } from '../testing.js';
import { TenantUserManager } from './tenant-user.manager.js';

const run = promisify(execFile);
let homeRoot: string;
let manager: TenantUserManager;
const created: string[] = [];

/** A fresh tenant spec, remembered for cleanup. */
function newSpec() {
  const spec = { name: randomTenantName(), uid: randomUid() };
  created.push(spec.name);
  return spec;
}

beforeAll(async () => {
  homeRoot = await mkdtemp(path.join(tmpdir(), 'hp-homes-'));
  manager = new TenantUserManager({
    homeRoot,
    shell: '/bin/bash',
    nologinShell: '/usr/sbin/nologin',
  });
});

afterAll(async () => {
  for (const name of created) await forceRemoveAccount(name);
  await rm(homeRoot, { recursive: true, force: true });
});

describe('TenantUserManager', () => {
  it('ensure creates user and group with the uid, key-only, and an owned home', async () => {
    const spec = newSpec();
    expect(await manager.ensure(spec)).toEqual({ changed: true });

    expect(await getent('passwd', spec.name)).toBe(
      `${spec.name}:x:${spec.uid}:${spec.uid}::${homeRoot}/${spec.name}:/bin/bash`,
    );
    expect(await getent('group', spec.name)).toBe(`${spec.name}:x:${spec.uid}:`);
    expect(await shadowOf(spec.name)).toEqual({ password: '*', expire: '' });
    const dirs = { '': 0o750, webroots: 0o750, logs: 0o750, tmp: 0o750, '.ssh': 0o700 };
    for (const [sub, mode] of Object.entries(dirs)) {
      const s = await stat(path.join(homeRoot, spec.name, sub));
      expect({ sub, uid: s.uid, gid: s.gid, mode: s.mode & 0o7777 }).toEqual({
        sub,
        uid: spec.uid,
        gid: spec.uid,
        mode,
      });
    }
  });

  it('ensure twice changes nothing; ensure repairs a deleted folder', async () => {
    const spec = newSpec();
    await manager.ensure(spec);
    expect(await manager.ensure(spec)).toEqual({ changed: false });
    await rm(path.join(homeRoot, spec.name, 'logs'), { recursive: true });
    expect(await manager.ensure(spec)).toEqual({ changed: true });
    expect((await stat(path.join(homeRoot, spec.name, 'logs'))).uid).toBe(spec.uid);
  });

  it('refuses a uid taken by another user and a name holding another uid', async () => {
    const owner = newSpec();
    await manager.ensure(owner);
    const intruder = { name: randomTenantName(), uid: owner.uid };
    created.push(intruder.name);
    await expect(manager.ensure(intruder)).rejects.toMatchObject({
      type: 'TenantUserConflict',
      message: `uid ${owner.uid} is already used by user ${owner.name}`,
    });
    await expect(manager.ensure({ name: owner.name, uid: owner.uid + 1 })).rejects.toThrow(
      `user ${owner.name} already exists with uid ${owner.uid}, expected ${owner.uid + 1}`,
    );
    expect(await getent('passwd', intruder.name)).toBeNull(); // nothing half-created
  });

  it('refuses a uid held by a user of another name even when its gid is free', async () => {
    const other = newSpec();
    await run('useradd', ['-u', String(other.uid), '-g', 'users', '-M', other.name]);
    const spec = { name: randomTenantName(), uid: other.uid };
    created.push(spec.name);
    await expect(manager.ensure(spec)).rejects.toThrow(`uid ${other.uid} is already used by user ${other.name}`);
    expect(await getent('group', spec.name)).toBeNull(); // checked before anything was written
  });

  it('lock locks, expires and gives nologin; unlock reverses; both idempotent', async () => {
    const spec = newSpec();
    await manager.ensure(spec);
    expect(await manager.lock(spec)).toEqual({ changed: true });
    expect(await manager.lock(spec)).toEqual({ changed: false });
    const { stdout } = await run('passwd', ['-S', spec.name]);
    expect(stdout.split(' ')[1]).toBe('L');
    const locked = await shadowOf(spec.name);
    expect(locked?.password.startsWith('!')).toBe(true);
    expect(locked?.expire).toBe('1');
    expect(await getent('passwd', spec.name)).toMatch(/:\/usr\/sbin\/nologin$/);

    expect(await manager.unlock({ name: spec.name })).toEqual({ changed: true });
    expect(await manager.unlock({ name: spec.name })).toEqual({ changed: false });
    expect(await shadowOf(spec.name)).toEqual({ password: '*', expire: '' });
    expect(await getent('passwd', spec.name)).toMatch(/:\/bin\/bash$/);
  });

  it('ensure unlocks a locked account (a create retried after a suspend converges)', async () => {
    const spec = newSpec();
    await manager.ensure(spec);
    await manager.lock(spec);
    expect(await manager.ensure(spec)).toEqual({ changed: true });
    expect(await shadowOf(spec.name)).toEqual({ password: '*', expire: '' });
  });

  it('remove kills processes and deletes user, group and home; twice is fine', async () => {
    const spec = newSpec();
    await manager.ensure(spec);
    const sleeper = spawn('sleep', ['60'], { uid: spec.uid, gid: spec.uid, stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', (_code, signal) => resolve(signal)));
    expect(await manager.remove(spec)).toEqual({ changed: true });
    expect(await exited).toBe('SIGKILL');
    expect(await getent('passwd', spec.name)).toBeNull();
    expect(await getent('group', spec.name)).toBeNull();
    await expect(stat(path.join(homeRoot, spec.name))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await manager.remove(spec)).toEqual({ changed: false });
  });

  it('lock of an absent user is a no-op; unlock of one is a clear error', async () => {
    const name = randomTenantName();
    expect(await manager.lock({ name })).toEqual({ changed: false });
    await expect(manager.unlock({ name })).rejects.toThrow(`user ${name} does not exist on this node`);
  });

  it('refuses names that are not tenant names, and system uids', async () => {
    for (const name of ['root', 't_short', '../t_abcdefghij', 't_ABCDEFGHIJ', '-rf']) {
      await expect(manager.remove({ name })).rejects.toMatchObject({ type: 'InvalidTenantUser' });
      await expect(manager.lock({ name })).rejects.toMatchObject({ type: 'InvalidTenantUser' });
    }
    await expect(manager.ensure({ name: randomTenantName(), uid: 0 })).rejects.toMatchObject({
      type: 'InvalidTenantUser',
    });
    expect(await getent('passwd', 'root')).not.toBeNull();
  });

  it('does not follow a symlink the tenant put in its home', async () => {
    const spec = newSpec();
    await manager.ensure(spec);
    const victim = path.join(homeRoot, 'victim');
    await mkdir(victim, { mode: 0o755 });
    const logs = path.join(homeRoot, spec.name, 'logs');
    await rm(logs, { recursive: true });
    await symlink(victim, logs);
    await expect(manager.ensure(spec)).rejects.toThrow(`${logs} exists but is not a directory`);
    const s = await stat(victim);
    expect({ uid: s.uid, mode: s.mode & 0o7777 }).toEqual({ uid: 0, mode: 0o755 });
  });
});

describe('node activities', () => {
  const logger = pino({ level: 'silent' });

  it('turn unfixable problems into non-retryable ApplicationFailures with the message', async () => {
    const activities = createNodeActivities({ tenantUsers: manager, logger });
    const failure = await activities.ensureTenantUser({ name: 'root', uid: 5000 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({
      type: 'InvalidTenantUser',
      nonRetryable: true,
      message: 'refusing non-tenant user name "root"',
    });
  });
});
