import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '@hostplane/schema';
import { getPlatform } from '@hostplane/e2e/harness';
import { InProcessApi } from '../testing/in-process.js';
import { seedBrandAndShard, seedTenantRows } from '../testing/seed.js';
import { generateShortName } from '../tenants/tenant-name.js';

const PAGE = `query Page($first: Int!, $brandId: ID!) {
  tenants(first: $first, filter: { brandId: $brandId }) {
    edges { node { id
      databases { id name users { id name privileges } accessRules { id cidr } }
      valkeyInstances { id name port users { id name } }
    } }
  }
}`;

type Page = {
  tenants: {
    edges: {
      node: { databases: { users: unknown[]; accessRules: unknown[] }[]; valkeyInstances: { users: unknown[] }[] };
    }[];
  };
};

/** Tenant.databases / valkeyInstances and their users and rules through DataLoaders: constant statements per page. */
describe('tenants page with databases and Valkey instances', () => {
  let api: InProcessApi;
  let brandId: string;

  beforeAll(async () => {
    api = await InProcessApi.start(getPlatform().databaseUrl);
    const { brand, shard } = await seedBrandAndShard(api.db);
    brandId = toGlobalId('Brand', brand.id);
    await seedTenantRows(api.db, brand.id, shard.id, 100);
    const tenants = await api.db.tenant.findMany({ where: { brandId: brand.id }, select: { id: true } });
    const active = 'ACTIVE' as const;
    const databases = tenants.map(({ id: tenantId }) => ({
      name: generateShortName('db_'),
      tenantId,
      shardId: shard.id,
    }));
    const instances = tenants.map(({ id: tenantId }, i) => ({
      name: generateShortName('kv_'),
      tenantId,
      shardId: shard.id,
      port: 30_000 + i,
      maxMemoryMb: 16,
    }));
    await api.db.database.createMany({ data: databases.map((d) => ({ ...d, status: active })) });
    await api.db.valkeyInstance.createMany({ data: instances.map((v) => ({ ...v, status: active })) });
    const dbRows = await api.db.database.findMany({ where: { tenantId: { in: tenants.map((t) => t.id) } } });
    const kvRows = await api.db.valkeyInstance.findMany({ where: { tenantId: { in: tenants.map((t) => t.id) } } });
    const hash = `*${'A'.repeat(40)}`;
    await api.db.databaseUser.createMany({
      data: dbRows.map((d) => ({
        name: `${d.name}_app`,
        databaseId: d.id,
        tenantId: d.tenantId,
        passwordHash: hash,
        status: active,
      })),
    });
    await api.db.databaseAccessRule.createMany({
      data: dbRows.map((d) => ({ databaseId: d.id, tenantId: d.tenantId, cidr: '192.0.2.0/24', status: active })),
    });
    await api.db.valkeyUser.createMany({
      data: kvRows.map((v) => ({
        name: `${v.name}_app`,
        instanceId: v.id,
        tenantId: v.tenantId,
        passwordHash: 'a'.repeat(64),
        keyPatterns: ['*'],
        channels: [],
        commands: ['+@read'],
        status: active,
      })),
    });
  });
  afterAll(async () => api?.close());

  async function statementsFor(first: number) {
    const viewer = await api.viewer(['*'], ['*']);
    api.statements.length = 0;
    const result = await api.run(viewer, PAGE, { first, brandId });
    expect(result.errors).toBeUndefined();
    return { count: api.statements.length, data: result.data as Page };
  }

  it('costs the same number of SQL statements for 10 and 100 tenants', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    expect(large.data.tenants.edges).toHaveLength(100);
    for (const { node } of large.data.tenants.edges) {
      expect(node.databases).toHaveLength(1);
      expect(node.databases[0]!.users).toHaveLength(1);
      expect(node.databases[0]!.accessRules).toHaveLength(1);
      expect(node.valkeyInstances).toHaveLength(1);
      expect(node.valkeyInstances[0]!.users).toHaveLength(1);
    }
    expect(large.count).toBe(small.count);
    // page + count, databases, users, rules, instances, Valkey users, each with their owners' checks.
    expect(large.count).toBeLessThanOrEqual(15);
  });

  it('refuses nested databases to a key without databases:read', async () => {
    const viewer = await api.viewer(['tenants:read'], ['*']);
    const result = await api.run(viewer, PAGE, { first: 1, brandId });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
