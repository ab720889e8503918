import { randomUUID } from 'node:crypto';
import {
  CreateApiKeyDocument,
  CreateBrandDocument,
  CreateTenantDocument,
  createHostplaneClient,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import pg from 'pg';
import WebSocket from 'ws';
import { getPlatform } from '../harness/platform.js';

const open: HostplaneClient[] = [];

/** An SDK client on the running platform; closed by `closeClients()`. */
export function client(apiKey: string): HostplaneClient {
  const { apiUrl, wsUrl } = getPlatform();
  const c = createHostplaneClient({ url: apiUrl, wsUrl, apiKey, webSocketImpl: WebSocket });
  open.push(c);
  return c;
}

export const admin = (): HostplaneClient => client(getPlatform().adminKey);

export async function closeClients(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close()));
}

/** A brand of the test's own, so test files never see each other's data. */
export async function createBrand(c: HostplaneClient = admin()) {
  const tag = randomUUID().slice(0, 8);
  const { createBrand } = await c.mutate(CreateBrandDocument, {
    input: {
      name: `e2e-${tag}`,
      baseHostname: `${tag}.e2e.test`,
      nsHostnames: [`ns1.${tag}.e2e.test`, `ns2.${tag}.e2e.test`],
      hostmasterEmail: `hostmaster@${tag}.e2e.test`,
    },
  });
  if (!createBrand.brand) throw new Error(JSON.stringify(createBrand.userErrors));
  return createBrand.brand;
}

/** A key limited to some scopes and brands (and optionally one tenant); returns its secret. */
export async function createKey(scopes: string[], brandIds: string[], tenantId?: string): Promise<string> {
  const { createApiKey } = await admin().mutate(CreateApiKeyDocument, {
    input: { name: `e2e ${scopes.join(',')}`, scopes, brandIds, tenantId: tenantId ?? null },
  });
  if (!createApiKey.secret) throw new Error(JSON.stringify(createApiKey.userErrors));
  return createApiKey.secret;
}

/** The local node's web shard: the one a real node agent serves in this run. */
export async function localShardId(): Promise<string> {
  return Buffer.from(`Shard:${getPlatform().shardId}`).toString('base64url');
}

export async function createTenant(c: HostplaneClient, brandId: string, displayName = 'e2e tenant') {
  const { createTenant } = await c.mutate(CreateTenantDocument, {
    input: { brandId, shardId: await localShardId(), displayName },
  });
  if (!createTenant.tenant) throw new Error(JSON.stringify(createTenant.userErrors));
  return createTenant.tenant;
}

/** Direct SQL on the run's database: only for arranging states the API must refuse to create. */
export async function withDatabase<T>(run: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: getPlatform().databaseUrl });
  await db.connect();
  try {
    return await run(db);
  } finally {
    await db.end();
  }
}

/** The uuid inside a global id (`Type:uuid`, base64url): the row's id, for `withDatabase`. */
export const uuidOf = (globalId: string): string => Buffer.from(globalId, 'base64url').toString().split(':')[1] ?? '';
