// A database migration whose target node's agent is down, on a platform of this file's own (the
// shared one must not lose its second data node): the source keeps serving from the first server
// while the migration waits for the agent, and once it is back the move completes and the source
// is dropped there.
import {
  CreateDatabaseDocument,
  CreateDatabaseUserDocument,
  CreateTenantDocument,
  GetDatabaseDocument,
  ListShardsDocument,
  MigrateDatabaseDocument,
  createHostplaneClient,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { login } from '../databases/mysql-login.js';
import { startEphemeralPlatform, type EphemeralPlatform } from '../harness/global-setup.js';
import { createBrand } from '../support/clients.js';
import { hasDatabase } from '../support/mariadb.js';
import { strongPassword } from '../support/passwords.js';
import { watchStatus } from '../support/watch.js';

let eph: EphemeralPlatform;
let c: HostplaneClient;
let db: pg.Client;

beforeAll(async () => {
  eph = await startEphemeralPlatform();
  const { apiUrl, wsUrl, adminKey, databaseUrl } = eph.platform;
  c = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: adminKey, webSocketImpl: WebSocket });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
}, 120_000);

afterAll(async () => {
  await c?.close();
  await db?.end();
  await eph?.teardown();
}, 60_000);

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const rawId = (id: string) => Buffer.from(id, 'base64url').toString().split(':')[1]!;

/** Polls the events table until the resource has recorded `step` in `state` (bounded). */
async function whenStep(id: string, step: string, state: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const query = `SELECT 1 FROM "Event" WHERE "resourceId" = $1 AND kind = 'STEP' AND step = $2 AND "stepState" = $3`;
  while ((await db.query(query, [rawId(id), step, state])).rowCount === 0) {
    if (Date.now() > deadline) throw new Error(`no step "${step}" ${state} of ${id} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function expectActive(id: string, timeoutMs?: number): Promise<void> {
  const { status, events } = await watchStatus(c, id, ['ACTIVE', 'FAILED'], timeoutMs);
  if (status !== 'ACTIVE') throw new Error(`${id} ended ${status}: ${JSON.stringify(events.slice(-4))}`);
}

/** A tenant's ACTIVE database on `local-db` (the local node), with a user and a row of bytes. */
async function databaseWithData(blob: Buffer) {
  const brand = await createBrand(c);
  const { createTenant } = await c.mutate(CreateTenantDocument, {
    input: { brandId: brand.id, shardId: globalId('Shard', eph.platform.shardId), displayName: 'migration' },
  });
  await expectActive(createTenant.tenant!.id);
  const { createDatabase } = await c.mutate(CreateDatabaseDocument, {
    input: { tenantId: createTenant.tenant!.id, shardId: await shardNamed('local-db') },
  });
  const database = createDatabase.database!;
  await expectActive(database.id);
  const password = strongPassword();
  const { createDatabaseUser } = await c.mutate(CreateDatabaseUserDocument, {
    input: { databaseId: database.id, name: `${database.name}_app`, password },
  });
  await expectActive(createDatabaseUser.databaseUser!.id);
  const user = { name: `${database.name}_app`, password };
  const session = await login(user.name, user.password, { database: database.name, at: database.endpoint! });
  await session.query('CREATE TABLE notes (id INT PRIMARY KEY, body BLOB)');
  await session.query('INSERT INTO notes VALUES (1, ?)', [blob]);
  await session.end();
  return { database, user };
}

async function shardNamed(name: string): Promise<string> {
  const { shards } = await c.query(ListShardsDocument, { role: 'DATABASE' });
  return shards.find((s) => s.name === name)!.id;
}

describe('migration under faults', () => {
  it('target agent killed: the source serves meanwhile; restarted, the move completes and the first server drops it', async () => {
    const blob = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131) % 256));
    const { database, user } = await databaseWithData(blob);
    const source = database.endpoint!;
    expect(source).toMatchObject({ host: '127.0.0.1', port: 3306 });
    const readAt = async (at: { host: string; port: number }) => {
      const session = await login(user.name, user.password, { database: database.name, at });
      const [rows] = await session.query('SELECT body FROM notes WHERE id = 1');
      await session.end();
      return (rows as { body: Buffer }[])[0]!.body;
    };

    await eph.group.kill('agent-2');
    const { migrateDatabase } = await c.mutate(MigrateDatabaseDocument, {
      input: { id: database.id, shardId: await shardNamed('local-db-2') },
    });
    expect(migrateDatabase.userErrors).toEqual([]);
    // Its first step waits for the target's agent; the database is still whole where it was.
    await whenStep(database.id, 'target database created', 'STARTED');
    const waiting = (await c.query(GetDatabaseDocument, { id: database.id })).database;
    expect(waiting.status).toBe('PROVISIONING');
    expect(waiting.endpoint).toMatchObject(source);
    expect((await readAt(source)).equals(blob)).toBe(true);
    expect(await hasDatabase(database.name, eph.platform.secondDataNode.mariadb)).toBe(false);

    await eph.group.restart('agent-2');
    await expectActive(database.id, 90_000);
    const moved = (await c.query(GetDatabaseDocument, { id: database.id })).database;
    expect(moved.endpoint).toMatchObject({ host: eph.platform.secondDataNode.address, port: 3306 });
    expect((await readAt(moved.endpoint!)).equals(blob)).toBe(true);
    expect(await hasDatabase(database.name)).toBe(false);
  }, 150_000);
});
