import { randomBytes } from 'node:crypto';
import {
  CreateBrandDocument,
  CreateDatabaseDocument,
  CreateDatabaseUserDocument,
  CreateTenantDocument,
  CreateValkeyInstanceDocument,
  CreateValkeyUserDocument,
  DeleteDatabaseDocument,
  DeleteTenantDocument,
  DeleteValkeyInstanceDocument,
  GetDatabaseDocument,
  ListShardsDocument,
  MigrateDatabaseDocument,
  createHostplaneClient,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import { login } from '../databases/mysql-login.js';
import { strongPassword } from '../support/passwords.js';
import { watchTenant } from '../support/watch.js';
import { connect, disconnectAll, serverPid } from '../valkey/valkey-client.js';
import { ms, percentile, report, rssMiB } from './stats.js';

const RUNS = 20;
const MIGRATION_MB = 100;

async function until<T>(probe: () => Promise<T | null>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** True once `user` logs in to its database (account and grants in place). */
const canUse = (user: string, password: string, database: string) =>
  login(user, password, { database }).then(async (session) => {
    await session.end();
    return true;
  });

async function shardIds(c: HostplaneClient) {
  const [db, kv] = await Promise.all([
    c.query(ListShardsDocument, { role: 'DATABASE' }),
    c.query(ListShardsDocument, { role: 'VALKEY' }),
  ]);
  const id = (list: { id: string; name: string }[], name: string) => list.find((s) => s.name === name)!.id;
  return { db: id(db.shards, 'local-db'), db2: id(db.shards, 'local-db-2'), kv: id(kv.shards, 'local-valkey') };
}

/** createDatabase + createDatabaseUser at once → the first login that succeeds. */
async function firstLogins(
  c: HostplaneClient,
  tenantId: string,
  shardId: string,
): Promise<{ times: number[]; ids: string[] }> {
  const times: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const { createDatabase } = await c.mutate(CreateDatabaseDocument, { input: { tenantId, shardId } });
    const database = createDatabase.database!;
    const password = strongPassword();
    const name = `${database.name}_app`;
    await c.mutate(CreateDatabaseUserDocument, { input: { databaseId: database.id, name, password } });
    await until(() => canUse(name, password, database.name));
    times.push(performance.now() - started);
    ids.push(database.id);
  }
  return { times, ids };
}

/** createValkeyInstance + createValkeyUser at once → the first AUTH that succeeds. */
async function firstAuths(c: HostplaneClient, tenantId: string, shardId: string) {
  const times: number[] = [];
  const instances: { id: string; endpoint?: { host: string; port: number } | null }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const { createValkeyInstance } = await c.mutate(CreateValkeyInstanceDocument, {
      input: { tenantId, shardId, maxMemoryMb: 16 },
    });
    const instance = createValkeyInstance.valkeyInstance!;
    const password = strongPassword();
    const username = `${instance.name}_app`;
    await c.mutate(CreateValkeyUserDocument, {
      input: { instanceId: instance.id, name: username, password, keyPatterns: ['*'], commands: ['+@connection'] },
    });
    await until(() => connect(instance.endpoint!, { username, password }).then((r) => r.ping()));
    times.push(performance.now() - started);
    instances.push(instance);
  }
  disconnectAll();
  return { times, instances };
}

/** A database of ~100 MB (rows of random bytes, so compression cannot flatter the copy), migrated. */
async function migrationThroughput(c: HostplaneClient, tenantId: string, shards: { db: string; db2: string }) {
  const { createDatabase } = await c.mutate(CreateDatabaseDocument, { input: { tenantId, shardId: shards.db } });
  const database = createDatabase.database!;
  const password = strongPassword();
  const name = `${database.name}_load`;
  await c.mutate(CreateDatabaseUserDocument, { input: { databaseId: database.id, name, password } });
  await until(() => canUse(name, password, database.name));
  const session = await login(name, password, { database: database.name });
  await session.query('CREATE TABLE blobs (id INT PRIMARY KEY, body LONGBLOB)');
  for (let i = 0; i < MIGRATION_MB; i++)
    await session.query('INSERT INTO blobs VALUES (?, ?)', [i, randomBytes(1024 * 1024)]);
  // Row bytes, not information_schema (InnoDB's table statistics lag behind fresh inserts).
  const [[size]] = (await session.query('SELECT SUM(LENGTH(body)) AS bytes FROM blobs')) as unknown as [
    [{ bytes: string }],
  ];
  await session.end();
  const started = performance.now();
  await c.mutate(MigrateDatabaseDocument, { input: { id: database.id, shardId: shards.db2 } });
  await until(async () => {
    const { status } = (await c.query(GetDatabaseDocument, { id: database.id, lastEvents: 1 })).database;
    if (status === 'FAILED') throw new Error('migration failed');
    return status === 'ACTIVE' ? true : null;
  }, 15 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  return { id: database.id, mb: Number(size.bytes) / 2 ** 20, seconds };
}

/** The database and Valkey figures of the issue: first login/AUTH latency, idle memory, migration throughput. */
export async function benchDatabases(env: { apiUrl: string; wsUrl: string; adminKey: string }) {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
  const tag = Date.now().toString(36);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `bench-db-${tag}`,
      baseHostname: `${tag}.db.bench.test`,
      nsHostnames: [`ns1.${tag}.bench.test`, `ns2.${tag}.bench.test`],
      hostmasterEmail: `h@${tag}.bench.test`,
    },
  });
  const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId: createBrand.brand!.id } });
  const tenantId = createTenant.tenant!.id;
  await watchTenant(c, tenantId, ['ACTIVE']);
  const shards = await shardIds(c);

  const logins = await firstLogins(c, tenantId, shards.db);
  const auths = await firstAuths(c, tenantId, shards.kv);
  const idle = await Promise.all(auths.instances.map(async (i) => rssMiB((await serverPid(i.endpoint!))!)));
  const migration = await migrationThroughput(c, tenantId, shards);

  for (const id of [...logins.ids, migration.id]) await c.mutate(DeleteDatabaseDocument, { input: { id } });
  for (const { id } of auths.instances) await c.mutate(DeleteValkeyInstanceDocument, { input: { id } });
  await new Promise((r) => setTimeout(r, 5_000)); // let the deletes run before the tenant goes
  await c.mutate(DeleteTenantDocument, { input: { id: tenantId } });
  await c.close();

  const p = (values: number[]) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))}`;
  report(`Databases and Valkey (real MariaDB and redis-server on the local node), ${RUNS} of each`, [
    ['createDatabase+User → first login p50 / p99', p(logins.times)],
    ['createValkeyInstance+User → first AUTH p50 / p99', p(auths.times)],
    ['idle Valkey instance RSS (median)', `${percentile(idle, 50).toFixed(1)} MiB`],
    [
      `migration of a ${migration.mb.toFixed(0)} MiB database (node to node)`,
      `${migration.seconds.toFixed(1)} s = ${(migration.mb / migration.seconds).toFixed(1)} MB/s`,
    ],
  ]);
}
