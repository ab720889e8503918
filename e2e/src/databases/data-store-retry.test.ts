// retry* of FAILED data stores, each failed for real: the control-plane record is given drift the
// API would never write (as an operator's bad hand edit or a bug would), the node agent refuses
// it and the resource lands FAILED with the agent's reason; the record is repaired, retry runs
// the last operation again and the resource is ACTIVE — and live on the node, not only on paper.
import {
  CreateDatabaseAccessRuleDocument,
  GetDatabaseDocument,
  RetryDatabaseAccessRuleDocument,
  RetryDatabaseDocument,
  RetryDatabaseUserDocument,
  RetryValkeyInstanceDocument,
  RetryValkeyUserDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, uuidOf, withDatabase } from '../support/clients.js';
import {
  activeDatabase,
  activeDatabaseUser,
  activeValkeyInstance,
  activeValkeyUser,
  expectActive,
  watchResource,
} from '../support/data-stores.js';
import { connect, disconnectAll, liveMemoryLimit } from '../valkey/valkey-client.js';
import { tryLogin } from './mysql-login.js';

type Retry = (c: HostplaneClient, id: string) => Promise<{ status?: string; userErrors: { code: string }[] }>;

const retries: Record<string, Retry> = {
  Database: async (c, id) => {
    const { retryDatabase } = await c.mutate(RetryDatabaseDocument, { input: { id } });
    return { status: retryDatabase.database?.status, userErrors: retryDatabase.userErrors };
  },
  DatabaseUser: async (c, id) => {
    const { retryDatabaseUser } = await c.mutate(RetryDatabaseUserDocument, { input: { id } });
    return { status: retryDatabaseUser.databaseUser?.status, userErrors: retryDatabaseUser.userErrors };
  },
  DatabaseAccessRule: async (c, id) => {
    const { retryDatabaseAccessRule: r } = await c.mutate(RetryDatabaseAccessRuleDocument, { input: { id } });
    return { status: r.databaseAccessRule?.status, userErrors: r.userErrors };
  },
  ValkeyInstance: async (c, id) => {
    const { retryValkeyInstance: r } = await c.mutate(RetryValkeyInstanceDocument, { input: { id } });
    return { status: r.valkeyInstance?.status, userErrors: r.userErrors };
  },
  ValkeyUser: async (c, id) => {
    const { retryValkeyUser: r } = await c.mutate(RetryValkeyUserDocument, { input: { id } });
    return { status: r.valkeyUser?.status, userErrors: r.userErrors };
  },
};

/** The row's status message, as the API stores it. */
async function statusMessage(table: string, id: string): Promise<string | null> {
  const { rows } = await withDatabase((db) =>
    db.query<{ statusMessage: string | null }>(`SELECT "statusMessage" FROM "${table}" WHERE id = $1`, [id]),
  );
  return rows[0]?.statusMessage ?? null;
}

/**
 * Sets `drift` on the row (FAILED, last operation `operation`), retries: FAILED with a message
 * matching `reason`; then `repair` on the row, retry again: ACTIVE with no message.
 */
async function failThenRecover(
  table: keyof typeof retries,
  globalId: string,
  operation: string,
  drift: string,
  repair: string,
  reason: RegExp,
): Promise<void> {
  const c = admin();
  const id = uuidOf(globalId);
  await withDatabase((db) =>
    db.query(`UPDATE "${table}" SET ${drift}, status = 'FAILED', "lastOperation" = $2 WHERE id = $1`, [id, operation]),
  );
  expect(await retries[table]!(c, globalId)).toEqual({ status: 'PENDING', userErrors: [] });
  expect((await watchResource(c, globalId, ['ACTIVE', 'FAILED'], 20_000)).status).toBe('FAILED');
  expect(await statusMessage(table, id)).toMatch(reason);

  await withDatabase((db) => db.query(`UPDATE "${table}" SET ${repair} WHERE id = $1`, [id]));
  expect(await retries[table]!(c, globalId)).toEqual({ status: 'PENDING', userErrors: [] });
  await expectActive(c, globalId, 20_000);
  expect(await statusMessage(table, id)).toBeNull();
}

describe('retry of FAILED data stores', () => {
  let tenantId: string;
  let database: Awaited<ReturnType<typeof activeDatabase>>;
  let user: Awaited<ReturnType<typeof activeDatabaseUser>>;
  let instance: Awaited<ReturnType<typeof activeValkeyInstance>>;
  let cacheUser: Awaited<ReturnType<typeof activeValkeyUser>>;

  beforeAll(async () => {
    const brand = await createBrand();
    tenantId = (await createTenant(admin(), brand.id, 'retry tenant')).id;
    await expectActive(admin(), tenantId);
    [database, instance] = await Promise.all([
      activeDatabase(admin(), tenantId),
      activeValkeyInstance(admin(), tenantId),
    ]);
    [user, cacheUser] = await Promise.all([
      activeDatabaseUser(admin(), database, 'app'),
      activeValkeyUser(admin(), instance, 'app', { keyPatterns: ['app:*'], commands: ['+@read', '+info'] }),
    ]);
  }, 90_000);
  afterAll(async () => {
    disconnectAll();
    await closeClients();
  });

  it('refuses retry of a resource that is not FAILED', async () => {
    const { userErrors } = await retries.Database!(admin(), database.id);
    expect(userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
  });

  it('retries a database whose charset the server lacks, once the record is repaired', async () => {
    await failThenRecover(
      'Database',
      database.id,
      'CREATE',
      `charset = 'klingon'`,
      `charset = 'utf8mb4'`,
      /charset "klingon" is not supported/,
    );
  }, 60_000);

  it('retries a database user whose stored hash is not a password hash; it logs in again', async () => {
    const { rows } = await withDatabase((db) =>
      db.query<{ passwordHash: string }>('SELECT "passwordHash" FROM "DatabaseUser" WHERE id = $1', [uuidOf(user.id)]),
    );
    await failThenRecover(
      'DatabaseUser',
      user.id,
      'UPDATE',
      `"passwordHash" = 'plaintext-password'`,
      `"passwordHash" = '${rows[0]!.passwordHash}'`,
      /is not a mysql_native_password hash/,
    );
    expect(await tryLogin(user.name, user.password)).toBe('OK');
  }, 60_000);

  it('retries an access rule that is no address, once the record is repaired', async () => {
    const c = admin();
    const { createDatabaseAccessRule } = await c.mutate(CreateDatabaseAccessRuleDocument, {
      input: { databaseId: database.id, cidr: '192.0.2.77' },
    });
    const rule = createDatabaseAccessRule.databaseAccessRule!;
    await expectActive(c, rule.id);
    await failThenRecover(
      'DatabaseAccessRule',
      rule.id,
      'CREATE',
      `cidr = 'evil.example.com'`,
      `cidr = '192.0.2.77'`,
      /invalid access rule "evil\.example\.com"/,
    );
    const { database: stored } = await c.query(GetDatabaseDocument, { id: database.id });
    expect(stored.accessRules.map((r) => [r.cidr, r.status])).toEqual([['192.0.2.77', 'ACTIVE']]);
  }, 60_000);

  it('retries a Valkey instance with no memory at all; the repaired limit is live', async () => {
    await failThenRecover(
      'ValkeyInstance',
      instance.id,
      'UPDATE',
      `"maxMemoryMb" = 0, "evictionPolicy" = 'allkeys-lru'`,
      `"maxMemoryMb" = 20`,
      /invalid maxMemoryMb 0/,
    );
    const auth = { username: cacheUser.name, password: cacheUser.password };
    expect(await liveMemoryLimit(instance.port, auth)).toEqual({ maxmemory: 20 * 2 ** 20, policy: 'allkeys-lru' });
  }, 60_000);

  it('retries a Valkey user with a malformed command rule; the repaired rules are live', async () => {
    await failThenRecover(
      'ValkeyUser',
      cacheUser.id,
      'UPDATE',
      `commands = ARRAY['bogus rule']`,
      `commands = ARRAY['+@read', '+@write', '+info']`,
      /invalid command rule "bogus rule"/,
    );
    const client = await connect(instance.port, { username: cacheUser.name, password: cacheUser.password });
    expect(await client.set('app:retried', 'yes')).toBe('OK'); // +@write: the repaired rules, not the old ones
  }, 60_000);
});
