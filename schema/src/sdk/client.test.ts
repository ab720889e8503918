// The SDK client against a small in-test GraphQL server built from the committed SDL: real HTTP
// (POST JSON, bearer key) and real graphql-ws, so transport and error mapping are exercised
// without the platform.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHostplaneClient,
  GetTenantDocument,
  HostplaneApiError,
  TenantChangedDocument,
  ViewerDocument,
  type ResourceEventFieldsFragment,
} from './index.js';

const KEY = 'hp_test_key';
/** A key the server refuses RATE_LIMITED `refusals` times before it answers. */
const THROTTLED_KEY = 'hp_throttled_key';
const throttle = { refusals: 0, retryAfterSeconds: 1 as number | null, requests: 0 };
const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const viewer = {
  apiKeyId: 'k1',
  name: 'test',
  prefix: 'hp_test',
  scopes: ['*'],
  brandIds: ['*'],
  tenantId: null,
  isPlatformAdmin: true,
  allowedOperations: ['viewer', 'tenant', 'tenantChanged'],
};
const event = (cursor: string, status: string) => ({
  cursor,
  at: '2025-01-01T00:00:00.000Z',
  kind: 'STATUS',
  resourceType: 'Tenant',
  resourceId: 't1',
  tenantId: 't1',
  status,
  step: null,
  stepState: null,
  message: null,
});
const rootValue = {
  viewer: () => viewer,
  tenant: () => {
    throw new GraphQLError('Tenant not found.', { extensions: { code: 'NOT_FOUND' } });
  },
};
const subscriptions = {
  tenantChanged: async function* () {
    yield { tenantChanged: event('1', 'PROVISIONING') };
    yield { tenantChanged: event('2', 'ACTIVE') };
  },
};

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization === `Bearer ${THROTTLED_KEY}`) {
        throttle.requests++;
        if (throttle.refusals > 0) {
          throttle.refusals--;
          res.statusCode = 429;
          const { retryAfterSeconds } = throttle;
          const error = { message: 'Rate limit exceeded.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds } };
          return res.end(JSON.stringify({ errors: [error] }));
        }
        req.headers.authorization = `Bearer ${KEY}`;
      }
      if (req.method !== 'POST' || req.headers.authorization !== `Bearer ${KEY}`) {
        res.statusCode = 401;
        return res.end(
          JSON.stringify({ errors: [{ message: 'Invalid API key.', extensions: { code: 'UNAUTHENTICATED' } }] }),
        );
      }
      const { query, variables } = JSON.parse(body);
      res.end(JSON.stringify(await graphql({ schema, source: query, variableValues: variables, rootValue })));
    });
  });
  const wss = new WebSocketServer({ server, path: '/graphql' });
  useServer(
    {
      schema,
      roots: { subscription: subscriptions },
      onConnect: (ctx) => ctx.connectionParams?.authorization === `Bearer ${KEY}`,
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('createHostplaneClient', () => {
  it('runs typed queries over POST with the bearer key', async () => {
    const client = createHostplaneClient({ url, apiKey: KEY });
    expect((await client.query(ViewerDocument)).viewer).toEqual(viewer);
    expect(await client.runOperation('Viewer')).toEqual({ viewer });
    await client.close();
  });

  it('throws HostplaneApiError with the extensions codes', async () => {
    const client = createHostplaneClient({ url, apiKey: KEY });
    const notFound = await client.query(GetTenantDocument, { id: 'x' }).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(HostplaneApiError);
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', message: 'Tenant not found.' });

    const refused = createHostplaneClient({ url, apiKey: 'hp_wrong' });
    await expect(refused.query(ViewerDocument)).rejects.toMatchObject({ codes: ['UNAUTHENTICATED'] });
  });

  it('waits out RATE_LIMITED refusals for the Retry-After the API gave, up to rateLimitRetries', async () => {
    const patient = createHostplaneClient({ url, apiKey: THROTTLED_KEY });
    Object.assign(throttle, { refusals: 1, retryAfterSeconds: 1, requests: 0 });
    const started = Date.now();
    expect((await patient.query(ViewerDocument)).viewer).toEqual(viewer);
    expect(throttle.requests).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    // More refusals than retries: the last one is the caller's.
    Object.assign(throttle, { refusals: 2, requests: 0 });
    const brief = createHostplaneClient({ url, apiKey: THROTTLED_KEY, rateLimitRetries: 1 });
    await expect(brief.query(ViewerDocument)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    expect(throttle.requests).toBe(2);

    // An operation the bucket can never hold (no Retry-After) is refused at once.
    Object.assign(throttle, { refusals: 1, retryAfterSeconds: null, requests: 0 });
    await expect(patient.query(ViewerDocument)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: null,
    });
    expect(throttle.requests).toBe(1);
  });

  it('refuses unknown operations and subscriptions in runOperation', async () => {
    const client = createHostplaneClient({ url, apiKey: KEY });
    await expect(client.runOperation('Nope')).rejects.toThrow(/Unknown operation/);
    await expect(client.runOperation('TenantChanged', { id: 't1' })).rejects.toThrow(/subscription/);
  });

  it('follows subscriptions over graphql-ws', async () => {
    const client = createHostplaneClient({ url, apiKey: KEY, webSocketImpl: WebSocket });
    const events = await new Promise<ResourceEventFieldsFragment[]>((resolve, reject) => {
      const seen: ResourceEventFieldsFragment[] = [];
      client.subscribe(
        TenantChangedDocument,
        { id: 't1', after: null },
        ({ tenantChanged }) => {
          seen.push(tenantChanged);
          if (seen.length === 2) resolve(seen);
        },
        reject,
      );
    });
    expect(events.map((e) => e.status)).toEqual(['PROVISIONING', 'ACTIVE']);
    await client.close();
  });

  it('reports a refused WebSocket key as UNAUTHENTICATED', async () => {
    const client = createHostplaneClient({ url, apiKey: 'hp_wrong', webSocketImpl: WebSocket });
    const error = await new Promise<HostplaneApiError>((resolve) => {
      client.subscribe(TenantChangedDocument, { id: 't1' }, () => undefined, resolve);
    });
    expect(error.code).toBe('UNAUTHENTICATED');
    await client.close();
  });
});
