import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createValkeyActivities } from './activities.js';
import { lookupUser } from '../linux-users/system-accounts.js';
import { instancePaths } from './instance-files.js';
import { APP_COMMANDS, startValkeyTestNode, testUser } from './testing.js';

// Real redis-server processes under a private supervisord, in a temp dir on random high ports.

const node = await startValkeyTestNode();
afterAll(() => node.stop()); // ends supervisord, which stops every redis-server it runs

// Each instance is a Linux account, a supervisord program and a server: several supervisorctl
// and account tools per step, slow on a loaded 2-core machine.
describe('ValkeyManager access and limits', { timeout: 60_000 }, () => {
  it('lets users AUTH and use only their keys and commands; the default user is off', async () => {
    const spec = node.newSpec();
    const rw = testUser(spec.name, 'rw', 'rw-password', {
      keys: ['app:*'],
      commands: APP_COMMANDS,
    });
    const ro = testUser(spec.name, 'ro', 'ro-password', { keys: ['app:*'], commands: ['+@read'] });
    expect(await node.valkey.ensureInstance({ ...spec, users: [rw, ro] })).toEqual({
      changed: true,
    });
    expect(await node.valkey.ensureInstance({ ...spec, users: [rw, ro] })).toEqual({
      changed: false,
    });

    const writer = await node.connect(spec.port, { username: rw.name, password: 'rw-password' });
    expect(await writer.set('app:1', 'v')).toBe('OK');
    expect(await writer.get('app:1')).toBe('v');
    await expect(writer.set('other:1', 'v')).rejects.toThrow(/NOPERM/);
    await expect(writer.get('other:1')).rejects.toThrow(/NOPERM/);
    // Administration is never granted: no raising its own limits or moving files.
    await expect(writer.config('SET', 'maxmemory', '0')).rejects.toThrow(/NOPERM/);

    const reader = await node.connect(spec.port, { username: ro.name, password: 'ro-password' });
    expect(await reader.get('app:1')).toBe('v');
    await expect(reader.set('app:2', 'v')).rejects.toThrow(/NOPERM/);

    await expect(node.connect(spec.port)).rejects.toThrow(/NOAUTH/);
    await expect(node.connect(spec.port, { username: 'default', password: '' })).rejects.toThrow(/WRONGPASS/);
    await expect(node.connect(spec.port, { username: rw.name, password: 'wrong' })).rejects.toThrow(/WRONGPASS/);

    const acl = await readFile(instancePaths(node.baseDir, spec.name).acl, 'utf8');
    expect(acl).toContain(`#${rw.passwordHash}`);
    expect(acl).not.toMatch(/rw-password|ro-password/);
  });

  it('applies memory, policy and user changes live, without a restart', async () => {
    const spec = node.newSpec([], 16);
    const first = testUser(spec.name, 'a', 'pw-a', { keys: ['*'], commands: APP_COMMANDS });
    await node.valkey.ensureInstance({ ...spec, users: [first] });
    const pid = await node.runningPid(spec.name);
    expect(await node.config(spec.name, 'maxmemory')).toEqual(['maxmemory', String(16 * 1024 * 1024)]);

    const bigger = {
      ...spec,
      maxMemoryMb: 48,
      evictionPolicy: 'allkeys-lru' as const,
      users: [first],
    };
    expect(await node.valkey.ensureInstance(bigger)).toEqual({ changed: true });
    expect(await node.config(spec.name, 'maxmemory')).toEqual(['maxmemory', String(48 * 1024 * 1024)]);
    expect(await node.config(spec.name, 'maxmemory-policy')).toEqual(['maxmemory-policy', 'allkeys-lru']);

    const second = testUser(spec.name, 'b', 'pw-b', {
      keys: ['*'],
      commands: ['+@read', '+@connection'],
    });
    expect(await node.valkey.ensureUsers({ name: spec.name, users: [second] })).toEqual({
      changed: true,
    });
    await expect(node.connect(spec.port, { username: first.name, password: 'pw-a' })).rejects.toThrow(/WRONGPASS/);
    expect(await (await node.connect(spec.port, { username: second.name, password: 'pw-b' })).ping()).toBe('PONG');
    expect(await node.runningPid(spec.name)).toBe(pid);
    const conf = await readFile(instancePaths(node.baseDir, spec.name).conf, 'utf8');
    expect(conf).toContain('maxmemory 48mb\n');
  });

  it('disables a suspended tenant’s users, closing their connections, and enables them again', async () => {
    const spec = node.newSpec();
    const user = testUser(spec.name, 'app', 'app-password', { keys: ['*'], commands: APP_COMMANDS });
    await node.valkey.ensureInstance({ ...spec, users: [user] });
    const open = await node.connect(spec.port, { username: user.name, password: 'app-password' });
    expect(await open.ping()).toBe('PONG');

    expect(await node.valkey.ensureUsers({ name: spec.name, users: [{ ...user, disabled: true }] })).toEqual({
      changed: true,
    });
    await expect(node.connect(spec.port, { username: user.name, password: 'app-password' })).rejects.toThrow(
      /WRONGPASS/,
    );
    await expect(open.ping()).rejects.toThrow();

    expect(await node.valkey.ensureUsers({ name: spec.name, users: [user] })).toEqual({ changed: true });
    expect(await (await node.connect(spec.port, { username: user.name, password: 'app-password' })).ping()).toBe(
      'PONG',
    );
  });

  it('runs every redis-server as an unprivileged account of its own, dumps sanitized', async () => {
    const specs = [node.newSpec(), node.newSpec()];
    const uids: number[] = [];
    for (const spec of specs) {
      await node.valkey.ensureInstance(spec);
      const status = await readFile(`/proc/${await node.runningPid(spec.name)}/status`, 'utf8');
      const [real, effective, saved] = /^Uid:\s+(\d+)\s+(\d+)\s+(\d+)/m.exec(status)!.slice(1).map(Number);
      expect(new Set([real, effective, saved])).toEqual(new Set([(await lookupUser(spec.name))!.uid]));
      expect(real).not.toBe(0);
      uids.push(real!);
      expect(await node.config(spec.name, 'sanitize-dump-payload')).toEqual(['sanitize-dump-payload', 'yes']);
    }
    expect(uids[0]).not.toBe(uids[1]);
    // Removing the instance removes its account.
    await node.valkey.removeInstance({ name: specs[0]!.name });
    expect(await lookupUser(specs[0]!.name)).toBeNull();
  });

  it('denies @dangerous commands a category would bring, and grants the own-instance ones only by name', async () => {
    const spec = node.newSpec();
    const broad = testUser(spec.name, 'broad', 'pw-broad', {
      keys: ['*'],
      commands: ['+@keyspace', '+@slow', '+@write'],
    });
    const flusher = testUser(spec.name, 'flush', 'pw-flush', { keys: ['*'], commands: ['+@write', '+flushdb'] });
    await node.valkey.ensureInstance({ ...spec, users: [broad, flusher] });
    const wide = await node.connect(spec.port, { username: broad.name, password: 'pw-broad' });
    expect(await wide.set('k', 'v')).toBe('OK');
    await expect(wide.flushdb()).rejects.toThrow(/NOPERM/);
    await expect(wide.call('RESTORE', 'k2', '0', 'x')).rejects.toThrow(/NOPERM/);
    await expect(wide.keys('*')).rejects.toThrow(/NOPERM/);
    const own = await node.connect(spec.port, { username: flusher.name, password: 'pw-flush' });
    expect(await own.flushdb()).toBe('OK');
  });

  it('refuses what the node cannot give, non-retryably', async () => {
    const activities = createValkeyActivities({
      valkey: node.valkey,
      logger: pino({ level: 'silent' }),
    });
    const nonRetryable = (type: string) => (e: unknown) =>
      e instanceof ApplicationFailure && e.nonRetryable === true && e.type === type;
    await expect(activities.ensureValkeyInstance(node.newSpec([], 1_000))).rejects.toSatisfy(
      nonRetryable('ValkeyMemoryAllowanceExceeded'),
    );
    const taken = { ...node.newSpec(), port: node.portMin };
    await expect(activities.ensureValkeyInstance(taken)).rejects.toSatisfy(nonRetryable('ValkeyPortConflict'));
    const outside = { ...node.newSpec(), port: node.portMin + 100 };
    await expect(activities.ensureValkeyInstance(outside)).rejects.toSatisfy(nonRetryable('InvalidValkeySpec'));
    const missing = { name: 'kv_zzzzzzzzzz', path: path.join(node.dir, 'x.rdb') };
    await expect(activities.importValkeyInstance(missing)).rejects.toSatisfy(nonRetryable('ValkeyInstanceMissing'));
  });
});
