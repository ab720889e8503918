import {
  CreateDatabaseDocument,
  CreateDatabaseUserDocument,
  CreateValkeyInstanceDocument,
  CreateValkeyUserDocument,
  ListShardsDocument,
  type CreateValkeyUserInput,
  type DatabasePrivileges,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { getPlatform } from '../harness/platform.js';
import { admin } from './clients.js';
import { strongPassword } from './passwords.js';
import { watchStatus, type Watched } from './watch.js';

export { strongPassword } from './passwords.js';

/** Global id of a local shard by name (`local-db`, `local-db-2`, `local-valkey`, `local-valkey-2`). */
export async function localShard(name: string): Promise<string> {
  const role = name.startsWith('local-db') ? 'DATABASE' : 'VALKEY';
  const { shards } = await admin().query(ListShardsDocument, { role });
  const shard = shards.find((s) => s.name === name);
  if (!shard) throw new Error(`no shard ${name}`);
  return shard.id;
}

/**
 * Follows a resource's events until its status is one of `until` (right away when it already
 * is); returns that status and the events seen after the status it had when called.
 */
export function watchResource(c: HostplaneClient, id: string, until: string[], timeoutMs = 60_000): Promise<Watched> {
  return watchStatus(c, id, until, timeoutMs);
}

/** Waits for ACTIVE; fails the test with the resource's last events otherwise. */
export async function expectActive(c: HostplaneClient, id: string, timeoutMs?: number): Promise<void> {
  const { status, events } = await watchResource(c, id, ['ACTIVE', 'FAILED'], timeoutMs);
  if (status !== 'ACTIVE') throw new Error(`${id} ended ${status}: ${JSON.stringify(events.slice(-4))}`);
}

/** A database of the tenant on `shard`, ACTIVE. */
export async function activeDatabase(c: HostplaneClient, tenantId: string, shard = 'local-db') {
  const { createDatabase } = await c.mutate(CreateDatabaseDocument, {
    input: { tenantId, shardId: await localShard(shard) },
  });
  if (!createDatabase.database) throw new Error(JSON.stringify(createDatabase.userErrors));
  await expectActive(c, createDatabase.database.id);
  return createDatabase.database;
}

/** A user `<database>_<suffix>` with a fresh strong password, ACTIVE. */
export async function activeDatabaseUser(
  c: HostplaneClient,
  database: { id: string; name: string },
  suffix: string,
  privileges: DatabasePrivileges = 'ALL',
) {
  const password = strongPassword();
  const { createDatabaseUser } = await c.mutate(CreateDatabaseUserDocument, {
    input: { databaseId: database.id, name: `${database.name}_${suffix}`, password, privileges },
  });
  if (!createDatabaseUser.databaseUser) throw new Error(JSON.stringify(createDatabaseUser.userErrors));
  await expectActive(c, createDatabaseUser.databaseUser.id);
  return { ...createDatabaseUser.databaseUser, password };
}

/** A Valkey instance of the tenant on `shard`, ACTIVE. */
export async function activeValkeyInstance(
  c: HostplaneClient,
  tenantId: string,
  shard = 'local-valkey',
  maxMemoryMb = 16,
) {
  const { createValkeyInstance } = await c.mutate(CreateValkeyInstanceDocument, {
    input: { tenantId, shardId: await localShard(shard), maxMemoryMb },
  });
  if (!createValkeyInstance.valkeyInstance) throw new Error(JSON.stringify(createValkeyInstance.userErrors));
  await expectActive(c, createValkeyInstance.valkeyInstance.id);
  return createValkeyInstance.valkeyInstance;
}

/** A user `<instance>_<suffix>` with a fresh strong password and the given rules, ACTIVE. */
export async function activeValkeyUser(
  c: HostplaneClient,
  instance: { id: string; name: string },
  suffix: string,
  rules: Pick<CreateValkeyUserInput, 'keyPatterns' | 'commands' | 'channels'>,
) {
  const password = strongPassword();
  const { createValkeyUser } = await c.mutate(CreateValkeyUserDocument, {
    input: { instanceId: instance.id, name: `${instance.name}_${suffix}`, password, ...rules },
  });
  if (!createValkeyUser.valkeyUser) throw new Error(JSON.stringify(createValkeyUser.userErrors));
  await expectActive(c, createValkeyUser.valkeyUser.id);
  return { ...createValkeyUser.valkeyUser, password };
}

const TENANT_STORES = `query TenantStores($id: ID!) {
  tenant(id: $id) { id databases { id name } valkeyInstances { id name } }
}`;

/**
 * `Tenant.databases` and `Tenant.valkeyInstances` as a panel would nest them. Sent raw: the
 * SDK has no document for them (one MCP tool per root field), and this is the nested path.
 */
export async function tenantStores(apiKey: string, tenantId: string) {
  const response = await fetch(getPlatform().apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: TENANT_STORES, variables: { id: tenantId } }),
  });
  return (await response.json()) as {
    data: { tenant: { databases: { id: string }[]; valkeyInstances: { id: string }[] } | null } | null;
    errors?: { extensions?: { code?: string } }[];
  };
}
