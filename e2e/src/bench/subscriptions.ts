import { randomUUID } from 'node:crypto';
import { createDb } from '@hostplane/server/db';
import { publishEvent } from '@hostplane/server/events';
import { CreateApiKeyDocument, createHostplaneClient } from '@hostplane/schema/sdk';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ms, percentile, report, rssMiB } from './stats.js';

const SUBSCRIBERS = 1_000;
const EVENTS = 50;
/** The API's cap of open operations per key (server/src/http/websocket.ts): subscribers share keys. */
const SUBSCRIBERS_PER_KEY = 100;

const SUBSCRIPTION = `subscription Watch($ids: [ID!]) { events(filter: { resourceIds: $ids }) { cursor } }`;

/**
 * (3) commit → subscriber latency with 1,000 graphql-ws subscriptions on one API process, and
 * the API's memory per subscription. Events are committed straight through the event spine
 * (publishEvent: insert + NOTIFY in one transaction), so the clock starts at commit.
 */
export async function benchSubscriptions(env: {
  databaseUrl: string;
  apiUrl: string;
  wsUrl: string;
  adminKey: string;
  apiPid: number;
}) {
  const db = createDb(env.databaseUrl, { max: 2 });
  const resourceId = randomUUID();
  const globalId = Buffer.from(`Tenant:${resourceId}`).toString('base64url');
  const keys = await platformKeys(env, Math.ceil(SUBSCRIBERS / SUBSCRIBERS_PER_KEY));
  const rssBefore = await rssMiB(env.apiPid);
  const clients: Client[] = [];
  const arrivals = new Map<string, number[]>();
  let ready = 0;
  const allReady = new Promise<void>((resolve) => {
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const client = createClient({
        url: env.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${keys[i % keys.length]}` },
        lazy: false,
        on: { connected: () => ++ready === SUBSCRIBERS && resolve() },
      });
      clients.push(client);
      client.subscribe<{ events: { cursor: string } }>(
        { query: SUBSCRIPTION, variables: { ids: [globalId] } },
        {
          next: ({ data }) => {
            const cursor = data!.events.cursor;
            arrivals.set(cursor, [...(arrivals.get(cursor) ?? []), performance.now()]);
          },
          error: (e) => process.stderr.write(`subscription error ${String(e)}\n`),
          complete: () => undefined,
        },
      );
    }
  });
  await allReady;
  await new Promise((r) => setTimeout(r, 1_000)); // let every subscribe reach the hub
  const rssAfter = await rssMiB(env.apiPid);

  const latencies: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const cursor = await publishEvent(db, {
      brandId: null,
      tenantId: null,
      resourceType: 'Tenant',
      resourceId,
      kind: 'UPDATED',
    });
    const committed = performance.now();
    const key = cursor.toString();
    const deadline = committed + 10_000;
    while ((arrivals.get(key)?.length ?? 0) < SUBSCRIBERS && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2));
    }
    for (const t of arrivals.get(key) ?? []) latencies.push(t - committed);
  }
  const delivered = latencies.length;
  await Promise.all(clients.map((c) => c.dispose()));
  await db.$disconnect();
  report(`commit → subscriber, ${SUBSCRIBERS} graphql-ws subscriptions, ${EVENTS} events`, [
    ['deliveries (expected)', `${delivered} (${SUBSCRIBERS * EVENTS})`],
    ['latency p50 / p99 (every subscriber)', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`],
    ['API RSS before / after subscribing', `${rssBefore.toFixed(1)} / ${rssAfter.toFixed(1)} MiB`],
    ['memory per subscription (RSS delta / n)', `${(((rssAfter - rssBefore) * 1024) / SUBSCRIBERS).toFixed(1)} KiB`],
  ]);
}

/** `count` platform-wide keys (the events have no brand, so only such keys see them). */
async function platformKeys(env: { apiUrl: string; wsUrl: string; adminKey: string }, count: number) {
  const c = createHostplaneClient({
    url: env.apiUrl,
    wsUrl: env.wsUrl,
    apiKey: env.adminKey,
    webSocketImpl: WebSocket,
  });
  try {
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const { createApiKey } = await c.mutate(CreateApiKeyDocument, {
        input: { name: `bench subscriber ${i}`, scopes: ['*'], brandIds: ['*'], tenantId: null },
      });
      if (!createApiKey.secret) throw new Error(JSON.stringify(createApiKey.userErrors));
      keys.push(createApiKey.secret);
    }
    return keys;
  } finally {
    await c.close();
  }
}
