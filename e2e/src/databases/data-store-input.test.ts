import {
  CreateDatabaseAccessRuleDocument,
  CreateDatabaseDocument,
  CreateDatabaseUserDocument,
  CreateValkeyInstanceDocument,
  CreateValkeyUserDocument,
  GetDatabaseDocument,
  GetValkeyInstanceDocument,
  ListDatabasesDocument,
  ListValkeyInstancesDocument,
  UpdateDatabaseUserDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant, localShardId } from '../support/clients.js';
import {
  activeDatabase,
  activeDatabaseUser,
  activeValkeyInstance,
  localShard,
  strongPassword,
} from '../support/data-stores.js';

const GHOST_TENANT = Buffer.from('Tenant:00000000-0000-4000-8000-000000000000').toString('base64url');

/** Bad input is refused with userErrors on the field at fault, and nothing is written. */
describe('database and Valkey input validation', () => {
  let tenantId: string;
  let otherBrandTenantId: string;
  let database: { id: string; name: string };
  let instance: { id: string; name: string };
  /** A key of the tenant's brand only: another brand's tenant is invisible to it. */
  let brandKey: string;

  beforeAll(async () => {
    const [brand, other] = await Promise.all([createBrand(), createBrand()]);
    const [own, foreign] = await Promise.all([createTenant(admin(), brand.id), createTenant(admin(), other.id)]);
    tenantId = own.id;
    otherBrandTenantId = foreign.id;
    [database, instance] = await Promise.all([
      activeDatabase(admin(), tenantId),
      activeValkeyInstance(admin(), tenantId),
    ]);
    brandKey = await createKey(['databases:*', 'valkey:*'], [brand.id]);
  }, 90_000);
  afterAll(closeClients);

  const counts = async () => {
    const filter = { tenantId, status: null };
    const [dbs, kvs, db, kv] = await Promise.all([
      admin().query(ListDatabasesDocument, { first: 1, filter }),
      admin().query(ListValkeyInstancesDocument, { first: 1, filter }),
      admin().query(GetDatabaseDocument, { id: database.id }),
      admin().query(GetValkeyInstanceDocument, { id: instance.id }),
    ]);
    return [
      dbs.databases.totalCount,
      kvs.valkeyInstances.totalCount,
      db.database.users.length + db.database.accessRules.length,
      kv.valkeyInstance.users.length,
    ];
  };

  it.each([
    ['another brand’s tenant', () => ({ tenantId: otherBrandTenantId }), 'tenantId', 'NOT_FOUND'],
    ['an unknown tenant', () => ({ tenantId: GHOST_TENANT }), 'tenantId', 'NOT_FOUND'],
    ['an unknown charset', () => ({ tenantId, charset: 'klingon' }), 'charset', 'INVALID'],
    [
      'a collation of another charset',
      () => ({ tenantId, charset: 'utf8mb4', collation: 'latin1_swedish_ci' }),
      'collation',
      'INVALID',
    ],
  ])('refuses a database for %s', async (_what, input, field, code) => {
    const before = await counts();
    const { createDatabase } = await client(brandKey).mutate(CreateDatabaseDocument, { input: input() });
    expect(createDatabase.database).toBeNull();
    expect(createDatabase.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a shard of another role', async () => {
    const { createDatabase } = await admin().mutate(CreateDatabaseDocument, {
      input: { tenantId, shardId: await localShardId() },
    });
    expect(createDatabase.userErrors[0]?.message).toMatch(/not a DATABASE shard/);
    const { createValkeyInstance } = await admin().mutate(CreateValkeyInstanceDocument, {
      input: { tenantId, shardId: await localShard('local-db'), maxMemoryMb: 8 },
    });
    expect(createValkeyInstance.userErrors[0]?.message).toMatch(/not a VALKEY shard/);
  });

  it.each([
    ['a name of another database', (_db: string) => ({ name: 'db_zzzzzzzzzz_app' }), 'name'],
    ['an invalid name', (db: string) => ({ name: `${db}_DROP TABLE` }), 'name'],
    ['a too long suffix', (db: string) => ({ name: `${db}_${'a'.repeat(21)}` }), 'name'],
    ['an empty password', (db: string) => ({ name: `${db}_app`, password: '' }), 'password'],
    ['a short password', (db: string) => ({ name: `${db}_app`, password: 'Sh0rt!' }), 'password'],
    ['a password of one class', (db: string) => ({ name: `${db}_app`, password: 'onlylowercaseletters' }), 'password'],
    ['a password containing the name', (db: string) => ({ name: `${db}_app`, password: `X1!${db}_app` }), 'password'],
  ])('refuses a database user with %s', async (_what, override, field) => {
    const before = await counts();
    const input = { databaseId: database.id, password: strongPassword(), ...override(database.name) };
    const { createDatabaseUser } = await admin().mutate(CreateDatabaseUserDocument, { input });
    expect(createDatabaseUser.databaseUser).toBeNull();
    expect(createDatabaseUser.userErrors).toEqual([
      expect.objectContaining({ field: ['input', field], code: 'INVALID' }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a weak password on update and keeps the user as it was', async () => {
    const user = await activeDatabaseUser(admin(), database, 'kept');
    const { updateDatabaseUser } = await admin().mutate(UpdateDatabaseUserDocument, {
      input: { id: user.id, password: 'weak' },
    });
    expect(updateDatabaseUser.userErrors).toEqual([expect.objectContaining({ field: ['input', 'password'] })]);
    const { database: row } = await admin().query(GetDatabaseDocument, { id: database.id });
    expect(row.users.find((u) => u.id === user.id)?.status).toBe('ACTIVE');
  });

  it.each(['localhost', '%', '10.1.%', 'not-an-ip', '999.1.1.1', '10.0.0.0/33', '2001:db8::/32'])(
    'refuses the access rule %j',
    async (cidr) => {
      const before = await counts();
      const { createDatabaseAccessRule } = await admin().mutate(CreateDatabaseAccessRuleDocument, {
        input: { databaseId: database.id, cidr },
      });
      expect(createDatabaseAccessRule.userErrors).toEqual([
        expect.objectContaining({ field: ['input', 'cidr'], code: 'INVALID' }),
      ]);
      expect(await counts()).toEqual(before);
    },
  );

  it.each([
    ['beyond the node’s allowance', () => ({ tenantId, maxMemoryMb: 10_000_000 }), 'maxMemoryMb', 'INVALID'],
    ['of no memory', () => ({ tenantId, maxMemoryMb: 0 }), 'maxMemoryMb', 'INVALID'],
    ['for another brand’s tenant', () => ({ tenantId: otherBrandTenantId, maxMemoryMb: 8 }), 'tenantId', 'NOT_FOUND'],
  ])('refuses a Valkey instance %s', async (_what, input, field, code) => {
    const before = await counts();
    const { createValkeyInstance } = await client(brandKey).mutate(CreateValkeyInstanceDocument, { input: input() });
    expect(createValkeyInstance.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a name of another instance', (_kv: string) => ({ name: 'kv_zzzzzzzzzz_app' }), 'name'],
    ['a bad key pattern', (kv: string) => ({ name: `${kv}_app`, keyPatterns: ['app key'] }), 'keyPatterns'],
    ['an unknown command category', (kv: string) => ({ name: `${kv}_app`, commands: ['+@admin'] }), 'commands'],
    ['a weak password', (kv: string) => ({ name: `${kv}_app`, password: 'password' }), 'password'],
  ])('refuses a Valkey user with %s', async (_what, override, field) => {
    const before = await counts();
    const input = {
      instanceId: instance.id,
      password: strongPassword(),
      keyPatterns: ['app:*'],
      commands: ['+@read'],
      ...override(instance.name),
    };
    const { createValkeyUser } = await admin().mutate(CreateValkeyUserDocument, { input });
    expect(createValkeyUser.valkeyUser).toBeNull();
    expect(createValkeyUser.userErrors).toEqual([
      expect.objectContaining({ field: ['input', field], code: 'INVALID' }),
    ]);
    expect(await counts()).toEqual(before);
  });
});
