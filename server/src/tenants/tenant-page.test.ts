import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '@hostplane/schema';
import { getPlatform } from '@hostplane/e2e/harness';
import { InProcessApi } from '../testing/in-process.js';
import { seedBrandAndShard, seedTenantRows } from '../testing/seed.js';

const PAGE = `query Page($first: Int!, $brandId: ID!, $after: String) {
  tenants(first: $first, after: $after, filter: { brandId: $brandId }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name status brand { id name } shard { id name nodes { id hostname taskQueue } } } }
  }
}`;

describe('tenants page', () => {
  let api: InProcessApi;
  let brandId: string;

  beforeAll(async () => {
    api = await InProcessApi.start(getPlatform().databaseUrl);
    const { brand, shard } = await seedBrandAndShard(api.db);
    brandId = toGlobalId('Brand', brand.id);
    await seedTenantRows(api.db, brand.id, shard.id, 150);
  });
  afterAll(async () => api?.close());

  async function statementsFor(first: number) {
    const viewer = await api.viewer(['*'], ['*']);
    api.statements.length = 0;
    const result = await api.run(viewer, PAGE, { first, brandId });
    expect(result.errors).toBeUndefined();
    return { count: api.statements.length, data: result.data as { tenants: { edges: unknown[] } } };
  }

  it('costs the same number of SQL statements for 10 and 100 tenants with nested brand/shard/nodes', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(100);
    expect(small.data.tenants.edges).toHaveLength(10);
    expect(large.data.tenants.edges).toHaveLength(100);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
  });

  it('walks every tenant exactly once with cursors', async () => {
    const viewer = await api.viewer(['tenants:read'], ['*']);
    const seen = new Set<string>();
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const result = await api.run(viewer, PAGE.replace(' shard { id name nodes { id hostname taskQueue } }', ''), {
        first: 40,
        brandId,
        after,
      });
      const page = (
        result.data as {
          tenants: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
        }
      ).tenants;
      page.edges.forEach((e) => seen.add(e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.size).toBe(150);
  });

  it('refuses nested shard data to a key without infrastructure:read', async () => {
    const viewer = await api.viewer(['tenants:read'], ['*']);
    const result = await api.run(viewer, PAGE, { first: 1, brandId });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
