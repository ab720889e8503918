// A tenant's suspend, unsuspend and delete reach what it holds on the data-store nodes: suspended,
// its database and Valkey logins are refused and open sessions closed; unsuspended, they work
// again; deleted, its MariaDB databases and users are dropped and its Valkey processes stopped
// before its Linux user goes — nothing is left running, or billed, under a DELETED tenant.
import {
  DeleteTenantDocument,
  GetDatabaseDocument,
  GetValkeyInstanceDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeDatabase, activeDatabaseUser, activeValkeyInstance, activeValkeyUser } from '../support/data-stores.js';
import { watchTenant } from '../support/watch.js';
import { accountsOf, login, tryLogin } from '../databases/mysql-login.js';
import { connect, disconnectAll, serverPid } from '../valkey/valkey-client.js';
import { adminRows } from '../support/mariadb.js';

describe('tenant cascade to data stores', () => {
  afterAll(async () => {
    disconnectAll();
    await closeClients();
  });

  let tenantId: string;
  let database: Awaited<ReturnType<typeof activeDatabase>>;
  let user: Awaited<ReturnType<typeof activeDatabaseUser>>;
  let instance: Awaited<ReturnType<typeof activeValkeyInstance>>;
  let cacheUser: Awaited<ReturnType<typeof activeValkeyUser>>;
  const cacheAuth = () => ({ username: cacheUser.name, password: cacheUser.password });
  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id)).id;
    [database, instance] = await Promise.all([
      activeDatabase(admin(), tenantId),
      activeValkeyInstance(admin(), tenantId),
    ]);
    [user, cacheUser] = await Promise.all([
      activeDatabaseUser(admin(), database, 'app'),
      activeValkeyUser(admin(), instance, 'app', {
        keyPatterns: ['*'],
        commands: ['+@read', '+@write', '+@connection'],
      }),
    ]);
  }, 90_000);

  it('suspended: refuses database and Valkey logins and ends open sessions; unsuspended: lets them in', async () => {
    const session = await login(user.name, user.password);
    const cache = await connect(instance.port, cacheAuth());
    expect(await cache.ping()).toBe('PONG');

    await admin().mutate(SuspendTenantDocument, { input: { id: tenantId, reason: 'unpaid invoice' } });
    const suspended = await watchTenant(admin(), tenantId, ['SUSPENDED', 'FAILED'], 60_000);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.events.map((e) => `${e.step ?? ''} ${e.stepState ?? ''}`)).toContain(
      'data store logins locked SUCCEEDED',
    );
    expect(await tryLogin(user.name, user.password)).toBe('ACCOUNT_LOCKED');
    await expect(session.query('SELECT 1')).rejects.toThrow();
    session.destroy();
    await expect(connect(instance.port, cacheAuth())).rejects.toThrow(/WRONGPASS/);
    await expect(cache.ping()).rejects.toThrow();

    await admin().mutate(UnsuspendTenantDocument, { input: { id: tenantId } });
    expect((await watchTenant(admin(), tenantId, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
    expect(await tryLogin(user.name, user.password)).toBe('OK');
    expect(await (await connect(instance.port, cacheAuth())).ping()).toBe('PONG');
  }, 130_000); // a suspend and an unsuspend: each a workflow over every data store, up to 60 s under load

  it('drops the databases and stops the Valkey instances, then the tenant is DELETED', async () => {
    const pid = await serverPid(instance.port);
    expect(pid).not.toBeNull();
    expect(await tryLogin(user.name, user.password)).toBe('OK');

    await admin().mutate(DeleteTenantDocument, { input: { id: tenantId } });
    const { status, events } = await watchTenant(admin(), tenantId, ['DELETED', 'FAILED'], 60_000);
    expect(status).toBe('DELETED');
    expect(events.map((e) => `${e.step ?? ''} ${e.stepState ?? ''}`)).toContain(
      'databases and Valkey instances deleted SUCCEEDED',
    );

    const [{ database: db }, { valkeyInstance }] = await Promise.all([
      admin().query(GetDatabaseDocument, { id: database.id }),
      admin().query(GetValkeyInstanceDocument, { id: instance.id }),
    ]);
    expect(db.status).toBe('DELETED');
    expect(db.users).toEqual([]);
    expect(valkeyInstance.status).toBe('DELETED');
    expect(await tryLogin(user.name, user.password)).toBe('ACCESS_DENIED');
    expect(await accountsOf(user.name)).toEqual([]);
    expect(await adminRows('SHOW DATABASES LIKE ?', [database.name])).toEqual([]);
    expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/);
  }, 75_000); // a delete over every data store, up to 60 s under load
});
