import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_COMMANDS, startValkeyTestNode, testUser } from './testing.js';

// Real redis-server processes under a private supervisord, in a temp dir on random high ports.

const node = await startValkeyTestNode();
afterAll(() => node.stop()); // ends supervisord, which stops every redis-server it runs

// Each instance is a Linux account, a supervisord program and a server: several supervisorctl
// and account tools per step, slow on a loaded 2-core machine.
describe('ValkeyManager lifecycle', { timeout: 60_000 }, () => {
  it('brings a killed instance back within seconds', async () => {
    const password = 'p';
    const spec = node.newSpec();
    const app = testUser(spec.name, 'app', password, { keys: ['*'], commands: APP_COMMANDS });
    await node.valkey.ensureInstance({ ...spec, users: [app] });
    const before = await node.runningPid(spec.name);
    process.kill(before, 'SIGKILL');
    const started = Date.now();
    for (;;) {
      const pong = await node
        .connect(spec.port, { username: app.name, password })
        .then((c) => c.ping())
        .catch(() => null);
      if (pong === 'PONG') break;
      expect(Date.now() - started).toBeLessThan(5_000);
      await sleep(100);
    }
    expect(await node.runningPid(spec.name)).not.toBe(before);
  });

  it('keeps the data through a dump and an import into another instance', async () => {
    const password = 'pw';
    const source = node.newSpec();
    const user = (name: string) => testUser(name, 'app', password, { keys: ['*'], commands: APP_COMMANDS });
    await node.valkey.ensureInstance({ ...source, users: [user(source.name)] });
    const writer = await node.connect(source.port, { username: `${source.name}_app`, password });
    const blob = randomBytes(4096);
    await writer.set('blob', blob);
    await writer.hset('h', { a: '1', b: 'zoë 😀' });
    await writer.rpush('list', 'x', 'y', 'z');

    const file = path.join(node.dir, 'dumps', `${source.name}.rdb`);
    const dump = await node.valkey.dumpInstance({ name: source.name, path: file });
    expect(dump).toMatchObject({
      path: file,
      bytes: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const target = node.newSpec();
    await node.valkey.ensureInstance({ ...target, users: [user(target.name)] });
    expect(await node.valkey.importInstance({ name: target.name, path: file })).toEqual({
      changed: true,
    });
    const reader = await node.connect(target.port, { username: `${target.name}_app`, password });
    expect((await reader.getBuffer('blob'))?.equals(blob)).toBe(true);
    expect(await reader.hgetall('h')).toEqual({ a: '1', b: 'zoë 😀' });
    expect(await reader.lrange('list', 0, -1)).toEqual(['x', 'y', 'z']);
    expect(await reader.dbsize()).toBe(3);
  });

  it('removes an instance: process, program and files', async () => {
    const spec = node.newSpec();
    await node.valkey.ensureInstance(spec);
    const pid = await node.runningPid(spec.name);
    expect(await node.valkey.removeInstance({ name: spec.name })).toEqual({ changed: true });
    expect(await node.valkey.removeInstance({ name: spec.name })).toEqual({ changed: false });
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    expect(await node.supervisord.client.status(spec.name)).toBeNull();
    expect(await readdir(node.baseDir)).not.toContain(spec.name);
    expect(await readdir(node.supervisord.programDir)).not.toContain(`${spec.name}.conf`);
  });

  it('resumes instances whose supervisor program was lost', async () => {
    const spec = node.newSpec();
    await node.valkey.ensureInstance(spec);
    await rm(path.join(node.supervisord.programDir, `${spec.name}.conf`));
    await node.supervisord.client.removeProgram(spec.name);
    expect(await node.supervisord.client.status(spec.name)).toBeNull();
    expect(await node.valkey.resumeAll()).toContain(spec.name);
    await node.runningPid(spec.name);
  });
});
