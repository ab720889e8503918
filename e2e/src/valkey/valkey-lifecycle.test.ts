import {
  DeleteValkeyInstanceDocument,
  DeleteValkeyUserDocument,
  GetValkeyInstanceDocument,
  MigrateValkeyInstanceDocument,
  UpdateValkeyInstanceDocument,
  UpdateValkeyUserDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import {
  activeValkeyInstance,
  activeValkeyUser,
  expectActive,
  localShard,
  strongPassword,
  watchResource,
} from '../support/data-stores.js';
import { connect, disconnectAll, liveMemoryLimit, pingUntilUp, serverPid } from './valkey-client.js';

// Real redis-server processes under the local node agent's supervisord, through the whole path.
describe('Valkey lifecycle', () => {
  let instance: { id: string; name: string; port: number };
  let app: Awaited<ReturnType<typeof activeValkeyUser>>;
  /** May run INFO only: reads what the server enforces. */
  let monitor: Awaited<ReturnType<typeof activeValkeyUser>>;
  const auth = () => ({ username: app.name, password: app.password });

  beforeAll(async () => {
    const brand = await createBrand();
    const tenantId = (await createTenant(admin(), brand.id)).id;
    instance = await activeValkeyInstance(admin(), tenantId);
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
    const client = await connect(instance.port, auth());
    expect(await client.set('app:greeting', 'hello')).toBe('OK');
    expect(await client.get('app:greeting')).toBe('hello');
    await expect(client.set('other:key', 'x')).rejects.toThrow(/NOPERM/);
    await expect(client.flushall()).rejects.toThrow(/NOPERM/);
    await expect(client.call('CONFIG', 'GET', 'maxmemory')).rejects.toThrow(/NOPERM/);
    await expect(connect(instance.port, { username: app.name, password: 'Wrong-password-1' })).rejects.toThrow(
      /WRONGPASS/,
    );
  });

  it('keeps the default user off', async () => {
    await expect(connect(instance.port)).rejects.toThrow(/NOAUTH/);
    await expect(connect(instance.port, { username: 'default', password: 'Any-password-1' })).rejects.toThrow(
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
    await expect(connect(instance.port, auth())).rejects.toThrow(/WRONGPASS/);
    app = { ...app, password };
    const client = await connect(instance.port, auth());
    expect(await client.set('cache:x', '1')).toBe('OK');
  });

  it('changes the memory limit live', async () => {
    const asMonitor = { username: monitor.name, password: monitor.password };
    expect(await liveMemoryLimit(instance.port, asMonitor)).toEqual({ maxmemory: 16 * 2 ** 20, policy: 'noeviction' });
    const pid = await serverPid(instance.port);
    const { updateValkeyInstance } = await admin().mutate(UpdateValkeyInstanceDocument, {
      input: { id: instance.id, maxMemoryMb: 24, evictionPolicy: 'ALLKEYS_LRU' },
    });
    expect(updateValkeyInstance.userErrors).toEqual([]);
    await expectActive(admin(), instance.id);
    const { valkeyInstance } = await admin().query(GetValkeyInstanceDocument, { id: instance.id });
    expect(valkeyInstance).toMatchObject({ maxMemoryMb: 24, evictionPolicy: 'ALLKEYS_LRU' });
    expect(await liveMemoryLimit(instance.port, asMonitor)).toEqual({ maxmemory: 24 * 2 ** 20, policy: 'allkeys-lru' });
    // Live: the same process took the new limit (CONFIG SET), no restart.
    expect(await serverPid(instance.port)).toBe(pid);
  });

  it('brings a killed instance back within seconds', async () => {
    const pid = await serverPid(instance.port);
    expect(pid).not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    expect(await pingUntilUp(instance.port, auth(), 5_000)).toBeLessThan(5_000);
    expect(await serverPid(instance.port)).not.toBe(pid);
  });

  it('keeps the data through a migration to another shard', async () => {
    const writer = await connect(instance.port, auth());
    const blob = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 31) % 256));
    await writer.set('app:blob', blob);
    await writer.hset('app:hash', { a: '1', b: 'zoë 😀' });
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
    expect(steps).toEqual(expect.arrayContaining(['source dumped', 'dump copied', 'snapshot imported']));
    instance = { ...instance, port: valkeyInstance.port };
    const reader = await connect(instance.port, auth());
    expect((await reader.getBuffer('app:blob'))?.equals(blob)).toBe(true);
    expect(await reader.hgetall('app:hash')).toEqual({ a: '1', b: 'zoë 😀' });
  }, 120_000);

  it('removes a deleted user: it can no longer AUTH', async () => {
    await admin().mutate(DeleteValkeyUserDocument, { input: { id: app.id } });
    expect((await watchResource(admin(), app.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await expect(connect(instance.port, auth())).rejects.toThrow(/WRONGPASS/);
  });

  it('deletes the instance: its process is gone', async () => {
    const pid = await serverPid(instance.port);
    await admin().mutate(DeleteValkeyInstanceDocument, { input: { id: instance.id } });
    expect((await watchResource(admin(), instance.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/);
  });
});
