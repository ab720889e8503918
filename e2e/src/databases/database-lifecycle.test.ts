import {
  CreateDatabaseAccessRuleDocument,
  DeleteDatabaseAccessRuleDocument,
  DeleteDatabaseDocument,
  DeleteDatabaseUserDocument,
  GetDatabaseDocument,
  MigrateDatabaseDocument,
  UpdateDatabaseUserDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, withDatabase } from '../support/clients.js';
import { getPlatform } from '../harness/platform.js';
import {
  activeDatabase,
  activeDatabaseUser,
  expectActive,
  localShard,
  strongPassword,
  tenantStores,
  watchResource,
} from '../support/data-stores.js';
import { accountsOf, eventuallyLogin, login, tryLogin } from './mysql-login.js';

// Real MariaDB on 127.0.0.1:3306, driven by the local node agent through the whole path (API,
// Temporal, worker, agent). The local node is in both DATABASE shards (local-db, local-db-2).
describe('database lifecycle', () => {
  let tenantId: string;
  let database: { id: string; name: string };
  let owner: Awaited<ReturnType<typeof activeDatabaseUser>>;

  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id)).id;
    database = await activeDatabase(admin(), tenantId);
    owner = await activeDatabaseUser(admin(), database, 'owner');
  }, 90_000);
  afterAll(async () => {
    await admin()
      .mutate(DeleteDatabaseDocument, { input: { id: database.id } })
      .catch(() => undefined);
    await closeClients();
  });

  it('lets a created user log in with its password and see only its database', async () => {
    const session = await login(owner.name, owner.password);
    const [rows] = await session.query('SHOW DATABASES');
    expect((rows as { Database: string }[]).map((r) => r.Database).sort()).toEqual(
      [database.name, 'information_schema'].sort(),
    );
    await session.query(`CREATE TABLE \`${database.name}\`.notes (id INT PRIMARY KEY, body BLOB)`);
    await session.end();
    expect(await tryLogin(owner.name, 'Wrong-password-1')).toBe('ACCESS_DENIED');
    const { data } = await tenantStores(getPlatform().adminKey, tenantId);
    expect(data?.tenant?.databases.map((d) => d.id)).toEqual([database.id]);
  });

  it('keeps a READ_ONLY user from writing', async () => {
    const reader = await activeDatabaseUser(admin(), database, 'reader', 'READ_ONLY');
    const session = await login(reader.name, reader.password, { database: database.name });
    await session.query('SELECT COUNT(*) FROM notes');
    await expect(session.query("INSERT INTO notes VALUES (1, 'x')")).rejects.toMatchObject({
      code: 'ER_TABLEACCESS_DENIED_ERROR',
    });
    await session.end();
  });

  it('changes a password: the old one stops working, the new one logs in', async () => {
    const password = strongPassword();
    const { updateDatabaseUser } = await admin().mutate(UpdateDatabaseUserDocument, {
      input: { id: owner.id, password },
    });
    expect(updateDatabaseUser.userErrors).toEqual([]);
    await expectActive(admin(), owner.id);
    expect(await tryLogin(owner.name, owner.password)).toBe('ACCESS_DENIED');
    expect(await tryLogin(owner.name, password)).toBe('OK');
    owner = { ...owner, password };
  });

  it('lets a new host in with an access rule, keeps others out, and closes it again on delete', async () => {
    // No account of any user matches 127.0.0.2 yet: MariaDB refuses the host itself.
    expect(await tryLogin(owner.name, owner.password, '127.0.0.2')).toBe('HOST_NOT_ALLOWED');
    const { createDatabaseAccessRule } = await admin().mutate(CreateDatabaseAccessRuleDocument, {
      input: { databaseId: database.id, cidr: '127.0.0.2/32', description: 'office' },
    });
    const rule = createDatabaseAccessRule.databaseAccessRule!;
    await expectActive(admin(), rule.id);
    expect(await tryLogin(owner.name, owner.password, '127.0.0.2')).toBe('OK');
    expect(await tryLogin(owner.name, owner.password, '127.0.0.3')).toBe('HOST_NOT_ALLOWED');
    expect(await tryLogin(owner.name, owner.password)).toBe('OK'); // the internal network still works
    await admin().mutate(DeleteDatabaseAccessRuleDocument, { input: { id: rule.id } });
    expect((await watchResource(admin(), rule.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await tryLogin(owner.name, owner.password, '127.0.0.2')).toBe('HOST_NOT_ALLOWED');
  });

  it('migrates to another shard with every byte of the data, and the users still log in', async () => {
    const blob = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const writer = await login(owner.name, owner.password, { database: database.name });
    await writer.query('INSERT INTO notes VALUES (?, ?), (?, ?)', [2, blob, 3, Buffer.from('zoë 😀')]);
    const [before] = await writer.query('CHECKSUM TABLE notes EXTENDED');
    await writer.end();

    const target = await localShard('local-db-2');
    const { migrateDatabase } = await admin().mutate(MigrateDatabaseDocument, {
      input: { id: database.id, shardId: target },
    });
    expect(migrateDatabase.userErrors).toEqual([]);
    await expectActive(admin(), database.id, 90_000);
    const { events } = (await admin().query(GetDatabaseDocument, { id: database.id, lastEvents: 40 })).database;
    const steps = events.filter((e) => e.kind === 'STEP' && e.stepState === 'SUCCEEDED').map((e) => e.step);
    expect(steps).toEqual(expect.arrayContaining(['source dumped', 'dump copied', 'dump restored and verified']));
    // Source and target shards share this one node: its copy is the target's, so nothing is dropped.
    expect(steps).not.toContain('source dropped');
    const shardId = await withDatabase(
      async (db) =>
        (await db.query('SELECT "shardId" FROM "Database" WHERE name = $1', [database.name])).rows[0].shardId,
    );
    expect(Buffer.from(`Shard:${shardId}`).toString('base64url')).toBe(target);

    const reader = await login(owner.name, owner.password, { database: database.name });
    const [after] = await reader.query('CHECKSUM TABLE notes EXTENDED');
    const [rows] = await reader.query('SELECT body FROM notes WHERE id = 2');
    await reader.end();
    expect(after).toEqual(before);
    expect((rows as { body: Buffer }[])[0]!.body.equals(blob)).toBe(true);
  }, 120_000);

  it('drops a deleted user: it can no longer log in', async () => {
    await admin().mutate(DeleteDatabaseUserDocument, { input: { id: owner.id } });
    expect((await watchResource(admin(), owner.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    // Dropped, not locked: no account of that name is left on any host.
    await eventuallyLogin(owner.name, owner.password, 'ACCESS_DENIED');
    expect(await accountsOf(owner.name)).toEqual([]);
  });

  it('deletes the database with its users', async () => {
    const last = await activeDatabaseUser(admin(), database, 'last');
    await admin().mutate(DeleteDatabaseDocument, { input: { id: database.id } });
    expect((await watchResource(admin(), database.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await tryLogin(last.name, last.password)).toBe('ACCESS_DENIED');
    expect(await accountsOf(last.name)).toEqual([]);
    const { database: row } = await admin().query(GetDatabaseDocument, { id: database.id });
    expect(row.status).toBe('DELETED');
    expect(row.users).toEqual([]);
  });
});
