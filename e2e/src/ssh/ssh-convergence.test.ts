// Issue 11: convergeShard restores tenants' SSH access on a wiped node. A key file deleted behind
// the platform's back (a node rebuilt, a disk restored) is written again, and a key file of an
// account the shard does not have — a leftover, or one planted — is removed, its sessions ended.
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand } from '../support/clients.js';
import { convergeAndWait } from '../support/convergence.js';
import { keyPair, type KeyPair, type Target } from './ssh-client.js';
import { activeTenant, addKey, loginOk, targetOf } from './tenant-keys.js';

const globalShardId = (id: string) => Buffer.from(`Shard:${id}`).toString('base64url');

describe('convergeShard and SSH: a wiped node’s key files come back, leftovers go', () => {
  let tenant: { id: string; name: string; uid: number };
  let key: KeyPair;
  let target: Target;
  const keyFiles = () => path.join(getPlatform().webStateDir, 'ssh', 'authorized-keys');

  beforeAll(async () => {
    tenant = await activeTenant((await createBrand()).id, 'ssh converge');
    key = await keyPair();
    await addKey(admin(), tenant.id, key);
    target = await targetOf(admin(), tenant.id);
    expect((await loginOk(key, target)).code).toBe(0);
  }, 90_000);
  afterAll(closeClients);

  it('writes a deleted key file again and removes one the shard has no tenant for', async () => {
    const own = path.join(keyFiles(), tenant.name);
    const expected = await readFile(own, 'utf8');
    // A leftover in the platform's own format, of an account that is no tenant of the shard.
    const leftover = path.join(keyFiles(), `ghost${process.pid}`);
    await writeFile(leftover, expected, { mode: 0o640 });
    await rm(own);
    expect((await loginOk(key, target)).code).toBe(255);

    const run = await convergeAndWait(globalShardId(getPlatform().shardId), admin(), 90_000);
    const ssh = run.events.filter((e) => e.step === 'ssh access converged' && e.stepState !== 'STARTED');
    expect(ssh.map((e) => e.stepState)).toEqual(['SUCCEEDED']);
    expect(ssh[0]!.message).toContain(`repaired ${tenant.name}`);
    expect(ssh[0]!.message).toContain(`ghost${process.pid}`);

    expect(await readFile(own, 'utf8')).toBe(expected);
    await expect(access(leftover)).rejects.toThrow();
    const back = await loginOk(key, target);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout.trim()).toBe(String(tenant.uid));
  }, 120_000);

  it('changes nothing on a node that is already right', async () => {
    const run = await convergeAndWait(globalShardId(getPlatform().shardId), admin(), 90_000);
    const ssh = run.events.find((e) => e.step === 'ssh access converged' && e.stepState === 'SUCCEEDED');
    expect(ssh?.message).toMatch(/^node \S+: SSH access of \d+ tenants: /);
    expect(ssh?.message).not.toContain(tenant.name);
  }, 120_000);
});
