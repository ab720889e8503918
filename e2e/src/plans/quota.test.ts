// Limits per tenant (issue 10), against the real API, PostgreSQL and workflows: every create of
// a counted resource is refused with QUOTA_EXCEEDED once its plan's limit is reached — no row,
// no workflow — a burst of concurrent creates ends exactly at the limit, and a resource being
// deleted frees its slot at once.
import {
  BindFqdnDocument,
  CreateDatabaseDocument,
  CreateDatabaseUserDocument,
  CreateValkeyInstanceDocument,
  CreateValkeyUserDocument,
  CreateWebrootDocument,
  DeleteDatabaseDocument,
  GetTenantUsageDocument,
  GetValkeyInstanceDocument,
  UpdateTenantDocument,
  UpdateValkeyInstanceDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant, uuidOf } from '../support/clients.js';
import { expectActive, localShard, strongPassword } from '../support/data-stores.js';
import { createPlan, expectOverQuota, rowsOf, workflowsSince } from './plan-support.js';

describe('limits per tenant', () => {
  let brandId: string;

  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(closeClients);

  /** A tenant of the test's brand on a fresh plan with these limits. */
  async function tenantOnPlan(limits: Parameters<typeof createPlan>[1]) {
    const plan = await createPlan(brandId, limits);
    const tenant = await createTenant(admin(), brandId);
    const { updateTenant } = await admin().mutate(UpdateTenantDocument, { input: { id: tenant.id, planId: plan.id } });
    expect(updateTenant.userErrors).toEqual([]);
    return { tenant, plan, uuid: uuidOf(tenant.id) };
  }

  const createDatabase = async (tenantId: string) =>
    (await admin().mutate(CreateDatabaseDocument, { input: { tenantId, shardId: await localShard('local-db') } }))
      .createDatabase;

  it('refuses a database past the limit: no row, no workflow; a deleted one frees its slot', async () => {
    const { tenant, plan, uuid } = await tenantOnPlan({ maxDatabases: 1 });
    const since = new Date(Date.now() - 1000);
    const first = await createDatabase(tenant.id);
    expect(first.userErrors).toEqual([]);

    const refused = await createDatabase(tenant.id);
    expect(refused.database).toBeNull();
    expectOverQuota(refused, 'tenantId', plan.name, 'at most 1 databases', 'has 1');
    expect(await rowsOf('Database', uuid)).toBe(1);
    // The accepted create's workflow is listed (the check sees workflows); none lacks its row.
    const workflows = await workflowsSince('createDatabaseWorkflow', 'Database', since);
    expect(workflows.started).toContainEqual(expect.stringContaining(uuidOf(first.database!.id)));
    expect(workflows.orphans).toEqual([]);

    await expectActive(admin(), first.database!.id);

    // DELETING already frees the slot: the create after the delete is accepted.
    const { deleteDatabase } = await admin().mutate(DeleteDatabaseDocument, { input: { id: first.database!.id } });
    expect(deleteDatabase.userErrors).toEqual([]);
    const again = await createDatabase(tenant.id);
    expect(again.userErrors).toEqual([]);
    expect(await rowsOf('Database', uuid)).toBe(2);
  });

  it('lets exactly the limit through a burst of concurrent creates', async () => {
    const { tenant, uuid } = await tenantOnPlan({ maxDatabases: 3 });
    const answers = await Promise.all(Array.from({ length: 10 }, () => createDatabase(tenant.id)));
    const codes = answers.map((a) => a.userErrors[0]?.code ?? 'CREATED');
    expect(codes.filter((c) => c === 'CREATED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'QUOTA_EXCEEDED')).toHaveLength(7);
    expect(await rowsOf('Database', uuid)).toBe(3);
    const { tenant: usage } = await admin().query(GetTenantUsageDocument, { id: tenant.id });
    expect(usage.usage.databases).toEqual({ used: 3, limit: 3 });
  });

  it('counts webroots and FQDNs, database users and Valkey users, each against its own limit', async () => {
    const { tenant, uuid } = await tenantOnPlan({
      maxWebroots: 1,
      maxFqdns: 1,
      maxDatabaseUsers: 1,
      maxValkeyUsers: 1,
    });
    const webroot = async () =>
      (await admin().mutate(CreateWebrootDocument, { input: { tenantId: tenant.id, runtime: 'STATIC' } }))
        .createWebroot;
    const site = await webroot();
    expect(site.userErrors).toEqual([]);
    expectOverQuota(await webroot(), 'tenantId', 'at most 1 webroots');
    expect(await rowsOf('Webroot', uuid)).toBe(1);

    const bind = async (hostname: string) =>
      (await admin().mutate(BindFqdnDocument, { input: { webrootId: site.webroot!.id, hostname } })).bindFqdn;
    const tag = uuid.slice(0, 8);
    expect((await bind(`a-${tag}.quota.test`)).userErrors).toEqual([]);
    expectOverQuota(await bind(`b-${tag}.quota.test`), 'webrootId', 'at most 1 FQDNs');
    expect(await rowsOf('Fqdn', uuid)).toBe(1);

    const database = (await createDatabase(tenant.id)).database!;
    const dbUser = async (suffix: string) =>
      (
        await admin().mutate(CreateDatabaseUserDocument, {
          input: { databaseId: database.id, name: `${database.name}_${suffix}`, password: strongPassword() },
        })
      ).createDatabaseUser;
    expect((await dbUser('one')).userErrors).toEqual([]);
    expectOverQuota(await dbUser('two'), 'databaseId', 'at most 1 database users');
    expect(await rowsOf('DatabaseUser', uuid)).toBe(1);

    const { createValkeyInstance } = await admin().mutate(CreateValkeyInstanceDocument, {
      input: { tenantId: tenant.id, shardId: await localShard('local-valkey'), maxMemoryMb: 8 },
    });
    const instance = createValkeyInstance.valkeyInstance!;
    const kvUser = async (suffix: string) =>
      (
        await admin().mutate(CreateValkeyUserDocument, {
          input: {
            instanceId: instance.id,
            name: `${instance.name}_${suffix}`,
            password: strongPassword(),
            keyPatterns: ['app:*'],
            commands: ['+@read'],
          },
        })
      ).createValkeyUser;
    expect((await kvUser('one')).userErrors).toEqual([]);
    expectOverQuota(await kvUser('two'), 'instanceId', 'at most 1 Valkey users');
    expect(await rowsOf('ValkeyUser', uuid)).toBe(1);

    // The tenant's own key reads the same numbers.
    const own = client(await createKey(['tenants:read'], [brandId], tenant.id));
    const { usage } = (await own.query(GetTenantUsageDocument, { id: tenant.id })).tenant;
    expect(usage).toMatchObject({
      webroots: { used: 1, limit: 1 },
      fqdns: { used: 1, limit: 1 },
      databases: { used: 1, limit: null },
      databaseUsers: { used: 1, limit: 1 },
      valkeyInstances: { used: 1, limit: null },
      valkeyUsers: { used: 1, limit: 1 },
      valkeyMemoryMb: { used: 8, limit: null },
    });
  });

  it('sums Valkey memory over the tenant’s instances, on create and on a memory change', async () => {
    const { tenant, uuid } = await tenantOnPlan({ maxValkeyInstances: 2, maxValkeyMemoryMb: 48 });
    const shardId = await localShard('local-valkey');
    const instance = async (maxMemoryMb: number) =>
      (await admin().mutate(CreateValkeyInstanceDocument, { input: { tenantId: tenant.id, shardId, maxMemoryMb } }))
        .createValkeyInstance;
    const big = await instance(32);
    expect(big.userErrors).toEqual([]);
    expectOverQuota(await instance(17), 'maxMemoryMb', '48 MiB of Valkey memory', 'uses 32 MiB');
    expect(await rowsOf('ValkeyInstance', uuid)).toBe(1);
    const small = await instance(16);
    expect(small.userErrors).toEqual([]);
    expectOverQuota(await instance(1), 'tenantId', 'at most 2 Valkey instances');

    // Growing one instance counts the others as they are and this one at its new size.
    const grow = async (maxMemoryMb: number) =>
      (await admin().mutate(UpdateValkeyInstanceDocument, { input: { id: small.valkeyInstance!.id, maxMemoryMb } }))
        .updateValkeyInstance;
    expectOverQuota(await grow(17), 'maxMemoryMb', 'uses 32 MiB');
    const unchanged = await admin().query(GetValkeyInstanceDocument, { id: small.valkeyInstance!.id });
    expect(unchanged.valkeyInstance.maxMemoryMb).toBe(16);
    const { usage } = (await admin().query(GetTenantUsageDocument, { id: tenant.id })).tenant;
    expect(usage.valkeyMemoryMb).toEqual({ used: 48, limit: 48 });
  });
});
