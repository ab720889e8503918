import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '@hostplane/schema';
import { getPlatform } from '@hostplane/e2e/harness';
import { InProcessApi } from '../testing/in-process.js';
import { seedBrandAndShard, seedTenantRows } from '../testing/seed.js';
import { generateShortName } from '../tenants/tenant-name.js';

const PAGE = `query Page($first: Int!, $brandId: ID!) {
  tenants(first: $first, filter: { brandId: $brandId }) {
    edges { node { id name webroots {
      id name runtime serviceHostname appCommand phpSettings { phpValues { key value } }
      fqdns { id hostname webroot { id name } }
    } } }
  }
}`;

const WEBROOTS = `query Webroots($brandId: ID!) {
  webroots(first: 100, filter: { brandId: $brandId }) { totalCount edges { node { id tenant { id } } } }
}`;

type Page = { tenants: { edges: { node: { webroots: { fqdns: unknown[] }[] } }[] } };

/** Tenants.webroots and Webroot.fqdns through DataLoaders: a constant number of statements per page. */
describe('tenants page with webroots and FQDNs', () => {
  let api: InProcessApi;
  let brandId: string;
  let tenantIds: string[];

  beforeAll(async () => {
    api = await InProcessApi.start(getPlatform().databaseUrl);
    const { brand, shard } = await seedBrandAndShard(api.db);
    brandId = toGlobalId('Brand', brand.id);
    await seedTenantRows(api.db, brand.id, shard.id, 100);
    const tenants = await api.db.tenant.findMany({
      where: { brandId: brand.id },
      select: { id: true },
    });
    tenantIds = tenants.map((t) => t.id);
    await api.db.webroot.createMany({
      data: tenantIds.flatMap((tenantId) => [
        {
          name: generateShortName('web_'),
          tenantId,
          runtime: 'PHP' as const,
          runtimeVersion: '8.2',
          runtimeConfig: { phpValues: { memory_limit: '64M' } },
          status: 'ACTIVE' as const,
        },
        {
          name: generateShortName('web_'),
          tenantId,
          runtime: 'NODE' as const,
          runtimeVersion: '20',
          runtimeConfig: { command: ['node', 'app.js'] },
          status: 'ACTIVE' as const,
        },
      ]),
    });
    const webroots = await api.db.webroot.findMany({
      where: { tenantId: { in: tenantIds } },
      select: { id: true, tenantId: true, name: true },
    });
    await api.db.fqdn.createMany({
      data: webroots.map((w) => ({
        hostname: `${w.name.slice(4)}.page.test`,
        webrootId: w.id,
        tenantId: w.tenantId,
        status: 'ACTIVE' as const,
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
    expect(
      large.data.tenants.edges.every(
        (e) => e.node.webroots.length === 2 && e.node.webroots.every((w) => w.fqdns.length === 1),
      ),
    ).toBe(true);
    expect(large.count).toBe(small.count);
    // page + count, webroots (+ their tenants and brands), FQDNs (+ owners), FQDN → webroot (+ owners).
    expect(large.count).toBeLessThanOrEqual(11);
  });

  it('shows a tenant key only its own tenant’s webroots, nested or listed', async () => {
    const own = await api.viewer(['tenants:read', 'webroots:read'], ['*'], tenantIds[0]);
    const result = await api.run(own, WEBROOTS, { brandId });
    const page = (
      result.data as {
        webroots: { totalCount: number; edges: { node: { tenant: { id: string } } }[] };
      }
    ).webroots;
    expect(page.totalCount).toBe(2);
    expect(page.edges.every((e) => e.node.tenant.id === toGlobalId('Tenant', tenantIds[0]!))).toBe(true);
    const nested = await api.run(own, PAGE, { first: 100, brandId });
    expect((nested.data as Page).tenants.edges).toHaveLength(1);
  });

  it('refuses nested webroots to a key without webroots:read', async () => {
    const viewer = await api.viewer(['tenants:read'], ['*']);
    const result = await api.run(viewer, PAGE, { first: 1, brandId });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
