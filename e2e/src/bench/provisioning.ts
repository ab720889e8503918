import {
  CreateBrandDocument,
  CreateTenantDocument,
  DeleteTenantDocument,
  createHostplaneClient,
} from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import { watchTenant } from '../support/watch.js';
import { ms, percentile, report } from './stats.js';

const TENANTS = 20;

/** (4) createTenant → ACTIVE wall time through the whole durable path (API, Temporal, worker, node agent). */
export async function benchProvisioning(env: { apiUrl: string; wsUrl: string; adminKey: string; shardId: string }) {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
  const tag = Date.now().toString(36);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `bench-${tag}`,
      baseHostname: `${tag}.bench.test`,
      nsHostnames: [`ns1.${tag}.bench.test`, `ns2.${tag}.bench.test`],
      hostmasterEmail: `h@${tag}.bench.test`,
    },
  });
  const brandId = createBrand.brand!.id;
  const shardId = Buffer.from(`Shard:${env.shardId}`).toString('base64url');
  const times: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < TENANTS; i++) {
    const start = performance.now();
    const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId, shardId } });
    const { status } = await watchTenant(c, createTenant.tenant!.id, ['ACTIVE', 'FAILED']);
    if (status !== 'ACTIVE') throw new Error(`tenant ended ${status}`);
    times.push(performance.now() - start);
    ids.push(createTenant.tenant!.id);
  }
  for (const id of ids) {
    await c.mutate(DeleteTenantDocument, { input: { id } });
    await watchTenant(c, id, ['DELETED', 'FAILED']);
  }
  await c.close();
  report(`createTenant → ACTIVE (real Linux user on the local node), ${TENANTS} tenants one after another`, [
    ['p50 / p99 / max', `${ms(percentile(times, 50))} / ${ms(percentile(times, 99))} / ${ms(Math.max(...times))}`],
  ]);
}
