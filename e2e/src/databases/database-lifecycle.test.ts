import {
  CreateDatabaseAccessRuleDocument,
  DeleteDatabaseAccessRuleDocument,
  DeleteDatabaseDocument,
  DeleteDatabaseUserDocument,
  GetDatabaseDocument,
  MigrateDatabaseDocument,
  RetryDatabaseDocument,
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
import { hasDatabase, withMariadb } from '../support/mariadb.js';
import { accountsOf, eventuallyLogin, login, tryLogin, type Endpoint } from './mysql-login.js';

// Real MariaDB servers driven by the node agents through the whole path (API, Temporal, worker,
// agent): the machine's, on the local node (shard local-db), then the second data node's own
// (local-db-2), where a migration moves the database from one server to the other.
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

  describe('migration to the second data node', () => {
    const blob = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    let before: unknown;
    const second = () => getPlatform().secondDataNode;
    const endpointOf = async () => (await admin().query(GetDatabaseDocument, { id: database.id })).database.endpoint!;
    const checksumAt = async (at: Endpoint) => {
      const session = await login(owner.name, owner.password, { database: database.name, at });
      const [[sum], [rows]] = [
        await session.query('CHECKSUM TABLE notes EXTENDED'),
        await session.query('SELECT body FROM notes WHERE id = 2'),
      ];
      await session.end();
      return { sum, blob: (rows as { body: Buffer }[])[0]!.body };
    };

    it('fails when the copy does not verify, and leaves the source serving', async () => {
      const writer = await login(owner.name, owner.password, { database: database.name });
      await writer.query('INSERT INTO notes VALUES (?, ?), (?, ?)', [2, blob, 3, Buffer.from('zoë 😀')]);
      await writer.end();
      const source = await endpointOf();
      expect(source).toMatchObject({ host: '127.0.0.1', port: 3306 }); // local-db: the local node
      ({ sum: before } = await checksumAt(source));
      // A table the source lacks, already in the target's copy: the restored copy's checksum differs.
      await withMariadb(async (target) => {
        await target.query(`CREATE DATABASE ${target.escapeId(database.name)}`);
        await target.query(`CREATE TABLE ${target.escapeId(database.name)}.intruder (id INT)`);
      }, second().mariadb);

      const { migrateDatabase } = await admin().mutate(MigrateDatabaseDocument, {
        input: { id: database.id, shardId: await localShard('local-db-2') },
      });
      expect(migrateDatabase.userErrors).toEqual([]);
      const { status } = await watchResource(admin(), database.id, ['ACTIVE', 'FAILED'], 90_000);
      expect(status).toBe('FAILED');
      const { database: failed } = await admin().query(GetDatabaseDocument, { id: database.id });
      expect(failed.statusMessage).toMatch(/checksum/);
      // Still on the first server, whole, and still where the API sends its users.
      expect(await endpointOf()).toMatchObject(source);
      expect(await hasDatabase(database.name)).toBe(true);
      const kept = await checksumAt(source);
      expect(kept.sum).toEqual(before);
      expect(kept.blob.equals(blob)).toBe(true);
      // The unverified copy got no accounts.
      expect(await accountsOf(owner.name, second().mariadb)).toEqual([]);
    }, 120_000);

    it('moves on retry with every byte to the second server; users log in there and the first drops it', async () => {
      await withMariadb(
        (target) => target.query(`DROP TABLE ${target.escapeId(database.name)}.intruder`),
        second().mariadb,
      );
      const { retryDatabase } = await admin().mutate(RetryDatabaseDocument, { input: { id: database.id } });
      expect(retryDatabase.userErrors).toEqual([]);
      await expectActive(admin(), database.id, 90_000);
      const { events } = (await admin().query(GetDatabaseDocument, { id: database.id, lastEvents: 40 })).database;
      const steps = events.filter((e) => e.kind === 'STEP' && e.stepState === 'SUCCEEDED').map((e) => e.step);
      expect(steps).toEqual(
        expect.arrayContaining(['source dumped', 'dump copied', 'dump restored and verified', 'source dropped']),
      );
      const shardId = await withDatabase(
        async (db) =>
          (await db.query('SELECT "shardId" FROM "Database" WHERE name = $1', [database.name])).rows[0].shardId,
      );
      expect(Buffer.from(`Shard:${shardId}`).toString('base64url')).toBe(await localShard('local-db-2'));

      // The API sends users to the second node's server, which has every byte.
      const target = await endpointOf();
      expect(target).toMatchObject({ host: second().address, port: 3306 });
      const moved = await checksumAt(target);
      expect(moved.sum).toEqual(before);
      expect(moved.blob.equals(blob)).toBe(true);
      expect(await hasDatabase(database.name, second().mariadb)).toBe(true);
      expect(await accountsOf(owner.name, second().mariadb)).not.toEqual([]);
      // The first server, asked itself: neither the database nor any account of its users is left.
      expect(await hasDatabase(database.name)).toBe(false);
      expect(await accountsOf(owner.name)).toEqual([]);
      expect(await tryLogin(owner.name, owner.password)).toBe('ACCESS_DENIED');
    }, 120_000);
  });

  it('drops a deleted user on the server it moved to: it can no longer log in', async () => {
    const { mariadb, address } = getPlatform().secondDataNode;
    expect(await tryLogin(owner.name, owner.password, undefined, { host: address, port: 3306 })).toBe('OK');
    await admin().mutate(DeleteDatabaseUserDocument, { input: { id: owner.id } });
    expect((await watchResource(admin(), owner.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    // Dropped, not locked: no account of that name is left on any host.
    await eventuallyLogin(owner.name, owner.password, 'ACCESS_DENIED', undefined, { host: address, port: 3306 });
    expect(await accountsOf(owner.name, mariadb)).toEqual([]);
  });

  it('deletes the database with its users', async () => {
    const { mariadb, address } = getPlatform().secondDataNode;
    const at = { host: address, port: 3306 };
    const last = await activeDatabaseUser(admin(), database, 'last');
    expect(await tryLogin(last.name, last.password, undefined, at)).toBe('OK');
    await admin().mutate(DeleteDatabaseDocument, { input: { id: database.id } });
    expect((await watchResource(admin(), database.id, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    expect(await tryLogin(last.name, last.password, undefined, at)).toBe('ACCESS_DENIED');
    expect(await accountsOf(last.name, mariadb)).toEqual([]);
    expect(await hasDatabase(database.name, mariadb)).toBe(false);
    const { database: row } = await admin().query(GetDatabaseDocument, { id: database.id });
    expect(row.status).toBe('DELETED');
    expect(row.users).toEqual([]);
  });
});
