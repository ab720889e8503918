// Deleting a tenant deletes what it holds on the data-store nodes too: its MariaDB databases and
// users are dropped and its Valkey processes stopped before its Linux user goes — nothing is left
// running, or billed, under a DELETED tenant.
import { DeleteTenantDocument, GetDatabaseDocument, GetValkeyInstanceDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { activeDatabase, activeDatabaseUser, activeValkeyInstance } from '../support/data-stores.js';
import { watchTenant } from '../support/watch.js';
import { canLogin } from '../databases/mysql-login.js';
import { disconnectAll, serverPid } from '../valkey/valkey-client.js';
import { adminRows } from '../support/mariadb.js';

describe('tenant delete cascade', () => {
  afterAll(async () => {
    disconnectAll();
    await closeClients();
  });

  let tenantId: string;
  let database: Awaited<ReturnType<typeof activeDatabase>>;
  let user: Awaited<ReturnType<typeof activeDatabaseUser>>;
  let instance: Awaited<ReturnType<typeof activeValkeyInstance>>;
  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id)).id;
    [database, instance] = await Promise.all([
      activeDatabase(admin(), tenantId),
      activeValkeyInstance(admin(), tenantId),
    ]);
    user = await activeDatabaseUser(admin(), database, 'app');
  }, 90_000);

  it('drops the databases and stops the Valkey instances, then the tenant is DELETED', async () => {
    const pid = await serverPid(instance.port);
    expect(pid).not.toBeNull();
    expect(await canLogin(user.name, user.password)).toBe(true);

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
    expect(await canLogin(user.name, user.password)).toBe(false);
    expect(await adminRows('SHOW DATABASES LIKE ?', [database.name])).toEqual([]);
    expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/);
  });
});
