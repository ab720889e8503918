import { toGlobalId } from '@hostplane/schema';
import { InProcessApi, seedBrandAndShard, seedTenantRows } from '@hostplane/server/testing';
import { ms, percentile, report, sample } from './stats.js';

/** The page the issue names: 100 tenants with nested brand, shard and the shard's nodes. */
const PAGE = `query Page($brandId: ID!) {
  tenants(first: 100, filter: { brandId: $brandId }) {
    totalCount
    edges { node { id name status brand { id name } shard { id name nodes { id hostname taskQueue } } } }
  }
}`;

/**
 * (1) SQL statements and latency of the page with 100 and 1,000 tenants in the brand;
 * (2) the same query over HTTP against the running API vs executed in-process with graphql-js.
 */
export async function benchPageQueries(env: { databaseUrl: string; apiUrl: string; adminKey: string }) {
  const api = await InProcessApi.start(env.databaseUrl);
  try {
    const viewer = await api.viewer(['*'], ['*']);
    for (const total of [100, 1_000]) {
      const { brand, shard } = await seedBrandAndShard(api.db);
      await seedTenantRows(api.db, brand.id, shard.id, total);
      const brandId = toGlobalId('Brand', brand.id);
      api.statements.length = 0;
      const once = await api.run(viewer, PAGE, { brandId });
      if (once.errors) throw new Error(JSON.stringify(once.errors));
      const statements = api.statements.length;
      const inProcess = await sample(30, async () => {
        await api.run(viewer, PAGE, { brandId });
      });
      const body = JSON.stringify({ query: PAGE, variables: { brandId } });
      const overHttp = await sample(30, async () => {
        const res = await fetch(env.apiUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${env.adminKey}` },
          body,
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await res.json();
      });
      report(`tenants(first: 100) with brand/shard/nodes, ${total} tenants in the brand`, [
        ['SQL statements per page', String(statements)],
        ['in-process graphql-js p50 / p99', `${ms(percentile(inProcess, 50))} / ${ms(percentile(inProcess, 99))}`],
        ['HTTP (Apollo + auth) p50 / p99', `${ms(percentile(overHttp, 50))} / ${ms(percentile(overHttp, 99))}`],
        ['HTTP / in-process (p50 ratio)', `${(percentile(overHttp, 50) / percentile(inProcess, 50)).toFixed(2)}x`],
      ]);
    }
  } finally {
    await api.close();
  }
}
