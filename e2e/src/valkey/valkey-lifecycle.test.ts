import { access } from 'node:fs/promises';
import path from 'node:path';
import {
  DeleteValkeyInstanceDocument,
  DeleteValkeyUserDocument,
  GetValkeyInstanceDocument,
  MigrateValkeyInstanceDocument,
  UpdateValkeyInstanceDocument,
  UpdateValkeyUserDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import {
  activeValkeyInstance,
  activeValkeyUser,
  expectActive,
  localShard,
  strongPassword,
  watchResource,
} from '../support/data-stores.js';
import { connect, disconnectAll, liveMemoryLimit, pingUntilUp, serverPid, type Endpoint } from './valkey-client.js';

// Real redis-server processes under the node agents' supervisords, through the whole path: on the
// local node (shard local-valkey), then on the second data node (local-valkey-2) after a migration.
describe('Valkey lifecycle', () => {
  let instance: { id: string; name: string; endpoint: Endpoint };
  let app: Awaited<ReturnType<typeof activeValkeyUser>>;
  /** May run INFO only: reads what the server enforces. */
  let monitor: Awaited<ReturnType<typeof activeValkeyUser>>;
  const auth = () => ({ username: app.name, password: app.password });

  beforeAll(async () => {
    const brand = await createBrand();
    const tenantId = (await createTenant(admin(), brand.id)).id;
    const created = await activeValkeyInstance(admin(), tenantId);
    if (!created.endpoint) throw new Error('a placed instance has an endpoint');
    instance = { ...created, endpoint: created.endpoint };
    app = await activeValkeyUser(admin(), instance, 'app', {
      keyPatterns: ['app:*'],
      commands: ['+@read', '+@write', '+@connection', '-@dangerous'],
    });
    monitor = await activeValkeyUser(admin(), instance, 'monitor', { keyPatterns: ['monitor:*'], commands: ['+info'] });
  }, 90_000);
  afterAll(async () => {
    disconnectAll();
    await admin()
      .mutate(DeleteValkeyInstanceDocument, { input: { id: instance.id } })
      .catch(() => undefined);
    await closeClients();
  });

  it('lets a user AUTH and use only the keys and commands its ACL allows', async () => {
    const client = await connect(instance.endpoint, auth());
    expect(await client.set('app:greeting', 'hello')).toBe('OK');
    expect(await client.get('app:greeting')).toBe('hello');
    await expect(client.set('other:key', 'x')).rejects.toThrow(/NOPERM/);
    await expect(client.flushall()).rejects.toThrow(/NOPERM/);
    await expect(client.call('CONFIG', 'GET', 'maxmemory')).rejects.toThrow(/NOPERM/);
    await expect(connect(instance.endpoint, { username: app.name, password: 'Wrong-password-1' })).rejects.toThrow(
      /WRONGPASS/,
    );
  });

  it('keeps the default user off', async () => {
    await expect(connect(instance.endpoint)).rejects.toThrow(/NOAUTH/);
    await expect(connect(instance.endpoint, { username: 'default', password: 'Any-password-1' })).rejects.toThrow(
      /WRONGPASS/,
    );
  });

  it('applies a changed ACL and password live', async () => {
    const password = strongPassword();
    const { updateValkeyUser } = await admin().mutate(UpdateValkeyUserDocument, {
      input: { id: app.id, password, keyPatterns: ['app:*', 'cache:*'] },
    });
    expect(updateValkeyUser.userErrors).toEqual([]);
    await expectActive(admin(), app.id);
    await expect(connect(instance.endpoint, auth())).rejects.toThrow(/WRONGPASS/);
    app = { ...app, password };
    const client = await connect(instance.endpoint, auth());
    expect(await client.set('cache:x', '1')).toBe('OK');
  });

  it('changes the memory limit live', async () => {
    const asMonitor = { username: monitor.name, password: monitor.password };
    expect(await liveMemoryLimit(instance.endpoint, asMonitor)).toEqual({
      maxmemory: 16 * 2 ** 20,
      policy: 'noeviction',
    });
    const pid = await serverPid(instance.endpoint);
    const { updateValkeyInstance } = await admin().mutate(UpdateValkeyInstanceDocument, {
      input: { id: instance.id, maxMemoryMb: 24, evictionPolicy: 'ALLKEYS_LRU' },
    });
    expect(updateValkeyInstance.userErrors).toEqual([]);
    await expectActive(admin(), instance.id);
    const { valkeyInstance } = await admin().query(GetValkeyInstanceDocument, { id: instance.id });
    expect(valkeyInstance).toMatchObject({ maxMemoryMb: 24, evictionPolicy: 'ALLKEYS_LRU' });
    expect(await liveMemoryLimit(instance.endpoint, asMonitor)).toEqual({
      maxmemory: 24 * 2 ** 20,
      policy: 'allkeys-lru',
    });
    // Live: the same process took the new limit (CONFIG SET), no restart.
    expect(await serverPid(instance.endpoint)).toBe(pid);
  });

  it('brings a killed instance back within seconds', async () => {
    const pid = await serverPid(instance.endpoint);
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    expect(await pingUntilUp(instance.endpoint, auth(), 5_000)).toBeLessThan(5_000);
    expect(await serverPid(instance.endpoint)).not.toBe(pid);
  });

  it('moves to the second node with its data and users; the first node’s process is gone', async () => {
    const second = getPlatform().secondDataNode;
    expect(instance.endpoint.host).toBe('127.0.0.1'); // local-valkey: the local node
    const writer = await connect(instance.endpoint, auth());
    const blob = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 31) % 256));
    await writer.set('app:blob', blob);
    await writer.hset('app:hash', { a: '1', b: 'zoë 😀' });
    const source = await serverPid(instance.endpoint);
    expect(source).not.toBeNull();

    const target = await localShard('local-valkey-2');
    const { migrateValkeyInstance } = await admin().mutate(MigrateValkeyInstanceDocument, {
      input: { id: instance.id, shardId: target },
    });
    expect(migrateValkeyInstance.userErrors).toEqual([]);
    await expectActive(admin(), instance.id, 90_000);
    const { valkeyInstance } = await admin().query(GetValkeyInstanceDocument, { id: instance.id, lastEvents: 40 });
    const steps = valkeyInstance.events
      .filter((e) => e.kind === 'STEP' && e.stepState === 'SUCCEEDED')
      .map((e) => e.step);
    expect(steps).toEqual(
      expect.arrayContaining(['source dumped', 'dump copied', 'snapshot imported', 'source removed']),
    );
    // The API now sends clients to the second node: its address, the port the instance took there.
    expect(valkeyInstance.endpoint).toMatchObject({ host: second.address, port: valkeyInstance.port });
    instance = { ...instance, endpoint: { host: second.address, port: valkeyInstance.port } };

    // Every key on the second node's redis-server, which the users' ACL came along to.
    const moved = await serverPid(instance.endpoint);
    expect(moved).not.toBeNull();
    expect(moved).not.toBe(source);
    const reader = await connect(instance.endpoint, auth());
    expect((await reader.getBuffer('app:blob'))?.equals(blob)).toBe(true);
    expect(await reader.hgetall('app:hash')).toEqual({ a: '1', b: 'zoë 😀' });
    // The first node's process is gone, and so is the instance's folder in its agent's state.
    expect(() => process.kill(source!, 0)).toThrow(/ESRCH/);
    const folderOn = (homeRoot: string) => path.join(path.dirname(homeRoot), 'agent-state', 'valkey', instance.name);
    await expect(access(folderOn(getPlatform().homeRoot))).rejects.toThrow(/ENOENT/);
    await access(folderOn(second.homeRoot));
  }, 120_000);

  it('removes a deleted user: it can no longer AUTH', async () => {
    await admin().mutate(DeleteValkeyUserDocument, { input: { id: app.id } });
    expect((await watchResource(admin(), app.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await expect(connect(instance.endpoint, auth())).rejects.toThrow(/WRONGPASS/);
  });

  it('deletes the instance: its process is gone', async () => {
    const pid = await serverPid(instance.endpoint);
    await admin().mutate(DeleteValkeyInstanceDocument, { input: { id: instance.id } });
    expect((await watchResource(admin(), instance.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/);
  });
});
