import {
  CreateDatabaseAccessRuleDocument,
  CreateDatabaseDocument,
  CreateValkeyInstanceDocument,
  DatabaseChangedDocument,
  DeleteDatabaseAccessRuleDocument,
  DeleteDatabaseDocument,
  DeleteDatabaseUserDocument,
  DeleteValkeyInstanceDocument,
  DeleteValkeyUserDocument,
  EventsDocument,
  GetDatabaseDocument,
  GetNodeDocument,
  GetValkeyInstanceDocument,
  ListDatabasesDocument,
  ListValkeyInstancesDocument,
  MigrateDatabaseDocument,
  MigrateValkeyInstanceDocument,
  RetryDatabaseAccessRuleDocument,
  RetryDatabaseDocument,
  RetryDatabaseUserDocument,
  RetryValkeyInstanceDocument,
  RetryValkeyUserDocument,
  SearchDocument,
  UpdateDatabaseUserDocument,
  UpdateValkeyInstanceDocument,
  UpdateValkeyUserDocument,
  ValkeyInstanceChangedDocument,
  type HostplaneApiError,
  CreateDatabaseUserDocument,
  CreateValkeyUserDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { admin, client, closeClients, createBrand, createKey, createTenant, withDatabase } from '../support/clients.js';
import {
  activeDatabase,
  activeDatabaseUser,
  activeValkeyInstance,
  activeValkeyUser,
  expectActive,
  localShard,
  strongPassword,
  tenantStores,
} from '../support/data-stores.js';
import { expectCode } from '../support/expect-error.js';

interface Stores {
  brandId: string;
  tenantId: string;
  database: { id: string; name: string };
  user: { id: string; name: string; password: string };
  rule: { id: string };
  instance: { id: string; name: string };
  valkeyUser: { id: string; name: string; password: string };
}

async function storesOf(brandId: string): Promise<Stores> {
  const tenantId = (await createTenant(admin(), brandId)).id;
  const [database, instance] = await Promise.all([
    activeDatabase(admin(), tenantId),
    activeValkeyInstance(admin(), tenantId),
  ]);
  const [user, valkeyUser] = await Promise.all([
    activeDatabaseUser(admin(), database, 'app'),
    activeValkeyUser(admin(), instance, 'app', { keyPatterns: ['*'], commands: ['+@read'] }),
  ]);
  const { createDatabaseAccessRule } = await admin().mutate(CreateDatabaseAccessRuleDocument, {
    input: { databaseId: database.id, cidr: '192.0.2.10' },
  });
  const rule = createDatabaseAccessRule.databaseAccessRule!;
  await expectActive(admin(), rule.id);
  return { brandId, tenantId, database, user, rule, instance, valkeyUser };
}

/** Every data-store mutation aimed at `s`; each must answer NOT_FOUND for a foreign key. */
async function mutateAll(c: HostplaneClient, s: Stores, shards: { db: string; kv: string }) {
  const password = strongPassword();
  const results = [
    (await c.mutate(CreateDatabaseDocument, { input: { tenantId: s.tenantId } })).createDatabase,
    (await c.mutate(DeleteDatabaseDocument, { input: { id: s.database.id } })).deleteDatabase,
    (await c.mutate(RetryDatabaseDocument, { input: { id: s.database.id } })).retryDatabase,
    (await c.mutate(MigrateDatabaseDocument, { input: { id: s.database.id, shardId: shards.db } })).migrateDatabase,
    (
      await c.mutate(CreateDatabaseUserDocument, {
        input: { databaseId: s.database.id, name: `${s.database.name}_x`, password },
      })
    ).createDatabaseUser,
    (await c.mutate(UpdateDatabaseUserDocument, { input: { id: s.user.id, password } })).updateDatabaseUser,
    (await c.mutate(DeleteDatabaseUserDocument, { input: { id: s.user.id } })).deleteDatabaseUser,
    (await c.mutate(RetryDatabaseUserDocument, { input: { id: s.user.id } })).retryDatabaseUser,
    (await c.mutate(CreateDatabaseAccessRuleDocument, { input: { databaseId: s.database.id, cidr: '198.51.100.1' } }))
      .createDatabaseAccessRule,
    (await c.mutate(DeleteDatabaseAccessRuleDocument, { input: { id: s.rule.id } })).deleteDatabaseAccessRule,
    (await c.mutate(RetryDatabaseAccessRuleDocument, { input: { id: s.rule.id } })).retryDatabaseAccessRule,
    (await c.mutate(CreateValkeyInstanceDocument, { input: { tenantId: s.tenantId, maxMemoryMb: 8 } }))
      .createValkeyInstance,
    (await c.mutate(UpdateValkeyInstanceDocument, { input: { id: s.instance.id, maxMemoryMb: 9 } }))
      .updateValkeyInstance,
    (await c.mutate(DeleteValkeyInstanceDocument, { input: { id: s.instance.id } })).deleteValkeyInstance,
    (await c.mutate(RetryValkeyInstanceDocument, { input: { id: s.instance.id } })).retryValkeyInstance,
    (await c.mutate(MigrateValkeyInstanceDocument, { input: { id: s.instance.id, shardId: shards.kv } }))
      .migrateValkeyInstance,
    (
      await c.mutate(CreateValkeyUserDocument, {
        input: { instanceId: s.instance.id, name: `${s.instance.name}_x`, password, keyPatterns: [], commands: [] },
      })
    ).createValkeyUser,
    (await c.mutate(UpdateValkeyUserDocument, { input: { id: s.valkeyUser.id, password } })).updateValkeyUser,
    (await c.mutate(DeleteValkeyUserDocument, { input: { id: s.valkeyUser.id } })).deleteValkeyUser,
    (await c.mutate(RetryValkeyUserDocument, { input: { id: s.valkeyUser.id } })).retryValkeyUser,
  ];
  return results.map((r) => r.userErrors[0]?.code ?? 'NONE');
}

const sha = (algorithm: string, data: string | Buffer) => createHash(algorithm).update(data).digest();
/** What the control plane stores: `*` + HEX(SHA1(SHA1(pw))) for MySQL, SHA-256 hex for Valkey. */
const mysqlNativePasswordHash = (pw: string) => `*${sha('sha1', sha('sha1', pw)).toString('hex').toUpperCase()}`;
const valkeyPasswordHash = (pw: string) => sha('sha256', pw).toString('hex');

const ids = (s: Stores) => [s.database.id, s.user.id, s.rule.id, s.instance.id, s.valkeyUser.id];

describe('databases and Valkey: brand isolation, scopes and secrets', () => {
  let a: Stores;
  let b: Stores;
  let keyA: string;
  let shards: { db: string; kv: string };

  beforeAll(async () => {
    const [brandA, brandB] = await Promise.all([createBrand(), createBrand()]);
    [a, b] = await Promise.all([storesOf(brandA.id), storesOf(brandB.id)]);
    keyA = await createKey(['databases:*', 'valkey:*', 'tenants:read'], [brandA.id]);
    shards = { db: await localShard('local-db-2'), kv: await localShard('local-valkey-2') };
  }, 120_000);
  afterAll(async () => {
    for (const s of [a, b]) {
      await admin().mutate(DeleteDatabaseDocument, { input: { id: s.database.id } });
      await admin().mutate(DeleteValkeyInstanceDocument, { input: { id: s.instance.id } });
    }
    await closeClients();
  });

  it('lists, gets, finds and nests only its own brand’s databases and instances', async () => {
    const c = client(keyA);
    const dbs = (await c.query(ListDatabasesDocument, { first: 100 })).databases.edges.map((e) => e.node.id);
    const kvs = (await c.query(ListValkeyInstancesDocument, { first: 100 })).valkeyInstances.edges.map(
      (e) => e.node.id,
    );
    expect(dbs).toEqual([a.database.id]);
    expect(kvs).toEqual([a.instance.id]);
    await expectCode(c.query(GetDatabaseDocument, { id: b.database.id }), 'NOT_FOUND');
    await expectCode(c.query(GetValkeyInstanceDocument, { id: b.instance.id }), 'NOT_FOUND');
    for (const id of ids(b)) await expectCode(c.query(GetNodeDocument, { id }), 'NOT_FOUND');
    for (const id of ids(a)) expect((await c.query(GetNodeDocument, { id })).node.id).toBe(id);
    for (const name of [b.database.name, b.user.name, b.instance.name, b.valkeyUser.name]) {
      expect((await c.query(SearchDocument, { query: name })).search).toEqual([]);
    }
    expect((await c.query(SearchDocument, { query: a.user.name })).search.map((r) => r.id)).toEqual([a.user.id]);
    expect((await tenantStores(keyA, b.tenantId)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const nested = (await tenantStores(keyA, a.tenantId)).data!.tenant!;
    expect([nested.databases.map((d) => d.id), nested.valkeyInstances.map((i) => i.id)]).toEqual([
      [a.database.id],
      [a.instance.id],
    ]);
  });

  it('cannot mutate brand B’s databases, users, rules, instances or Valkey users', async () => {
    const codes = await mutateAll(client(keyA), b, shards);
    expect(codes).toEqual(codes.map(() => 'NOT_FOUND'));
    const { database } = await admin().query(GetDatabaseDocument, { id: b.database.id });
    expect(database.status).toBe('ACTIVE');
    expect(database.users.map((u) => u.status)).toEqual(['ACTIVE']);
  });

  it('receives no brand B event, by subscription or replay', async () => {
    const c = client(keyA);
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const stop = c.subscribe(
        EventsDocument,
        {
          after: '0',
          filter: { resourceTypes: ['Database', 'DatabaseUser', 'DatabaseAccessRule', 'ValkeyInstance', 'ValkeyUser'] },
        },
        ({ events }) => {
          seen.push(events.resourceId);
          if (events.resourceId === a.rule.id && events.status === 'ACTIVE') {
            stop();
            resolve();
          }
        },
        reject,
      );
    });
    expect(seen.some((id) => ids(b).includes(id))).toBe(false);
    // A foreign resource's subscription is refused outright, as reading it is (NOT_FOUND); the
    // key's own resource streams its history.
    const firstAnswer = (subscribe: (onEvent: () => void, onError: (e: HostplaneApiError) => void) => () => void) =>
      new Promise<string[]>((resolve) => {
        const stop = subscribe(
          () => {
            stop();
            resolve(['EVENT']);
          },
          (error) => resolve(error.codes),
        );
      });
    expect(
      await firstAnswer((on, err) => c.subscribe(DatabaseChangedDocument, { id: b.database.id, after: '0' }, on, err)),
    ).toEqual(['NOT_FOUND']);
    expect(
      await firstAnswer((on, err) =>
        c.subscribe(ValkeyInstanceChangedDocument, { id: b.instance.id, after: '0' }, on, err),
      ),
    ).toEqual(['NOT_FOUND']);
    expect(
      await firstAnswer((on, err) => c.subscribe(DatabaseChangedDocument, { id: a.database.id, after: '0' }, on, err)),
    ).toEqual(['EVENT']);
  });

  it('enforces the databases and valkey scopes', async () => {
    const tenantsKey = await createKey(['tenants:*'], ['*']);
    const tenantsOnly = client(tenantsKey);
    await expectCode(tenantsOnly.query(ListDatabasesDocument, {}), 'FORBIDDEN');
    await expectCode(tenantsOnly.query(ListValkeyInstancesDocument, {}), 'FORBIDDEN');
    await expectCode(tenantsOnly.query(GetNodeDocument, { id: a.database.id }), 'FORBIDDEN');
    await expectCode(tenantsOnly.mutate(CreateDatabaseDocument, { input: { tenantId: a.tenantId } }), 'FORBIDDEN');
    expect((await tenantStores(tenantsKey, a.tenantId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const readers = client(await createKey(['databases:read', 'valkey:read'], ['*']));
    expect((await readers.query(GetDatabaseDocument, { id: a.database.id })).database.id).toBe(a.database.id);
    await expectCode(readers.mutate(DeleteDatabaseDocument, { input: { id: a.database.id } }), 'FORBIDDEN');
    await expectCode(
      readers.mutate(UpdateValkeyUserDocument, { input: { id: a.valkeyUser.id, commands: ['+@all'] } }),
      'FORBIDDEN',
    );
    const dbOnly = client(await createKey(['databases:*'], ['*']));
    await expectCode(dbOnly.query(GetValkeyInstanceDocument, { id: a.instance.id }), 'FORBIDDEN');
    await expectCode(
      dbOnly.mutate(CreateValkeyInstanceDocument, { input: { tenantId: a.tenantId, maxMemoryMb: 8 } }),
      'FORBIDDEN',
    );
  });

  it('lets a tenant-bound key see only its own tenant’s stores', async () => {
    const own = client(await createKey(['databases:read', 'valkey:read'], [a.brandId], a.tenantId));
    expect((await own.query(ListDatabasesDocument, { first: 100 })).databases.edges.map((e) => e.node.id)).toEqual([
      a.database.id,
    ]);
    await expectCode(own.query(GetDatabaseDocument, { id: b.database.id }), 'NOT_FOUND');
  });

  it('keeps passwords and their hashes out of audit entries, events and answers', async () => {
    const secrets = [
      a.user.password,
      a.valkeyUser.password,
      mysqlNativePasswordHash(a.user.password),
      valkeyPasswordHash(a.valkeyUser.password),
    ];
    const leaks = await withDatabase(async (db) => {
      let hits = 0;
      for (const secret of secrets) {
        for (const table of ['AuditLog', 'Event']) {
          const { rowCount } = await db.query(`SELECT 1 FROM "${table}" WHERE row_to_json("${table}")::text LIKE $1`, [
            `%${secret}%`,
          ]);
          hits += rowCount ?? 0;
        }
      }
      const { rows } = await db.query(
        `SELECT input FROM "AuditLog" WHERE operation = 'createDatabaseUser' AND input::text LIKE $1`,
        [`%${a.user.name}%`],
      );
      return { hits, redacted: rows.map((r: { input: { input: { password: string } } }) => r.input.input.password) };
    });
    expect(leaks).toEqual({ hits: 0, redacted: ['[REDACTED]'] });
    const answers = JSON.stringify([
      await admin().query(GetDatabaseDocument, { id: a.database.id }),
      await admin().query(GetValkeyInstanceDocument, { id: a.instance.id }),
      await admin().query(GetNodeDocument, { id: a.user.id }),
    ]);
    for (const secret of secrets) expect(answers).not.toContain(secret);
  });
});
