import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './bucket.js';
import { priceAndTake, rateLimitedError } from './plugin.js';

const schema = buildSchema(`
  type Query { viewer: Viewer! }
  type Subscription { tenantChanged(id: ID!): Event! }
  type Viewer { name: String! }
  type Event { cursor: String! }
`);

// What the WebSocket path runs before a subscription starts (server/src/http/websocket.ts onSubscribe).
describe('priceAndTake and rateLimitedError', () => {
  it('prices the named operation of a document and takes it from the key’s bucket', async () => {
    const limiter = new RateLimiter({ capacity: 2, restoreRate: 1 }, () => 0);
    const document = parse('query A { viewer { name } } subscription B { tenantChanged(id: "t") { cursor } }');
    expect(await priceAndTake(limiter, schema, 'key', document, 'B', {})).toMatchObject({
      cost: 1,
      outcome: { allowed: true },
    });
    expect(await priceAndTake(limiter, schema, 'key', document, 'A', {})).toMatchObject({
      cost: 1,
      outcome: { allowed: true },
    });
    const refused = (await priceAndTake(limiter, schema, 'key', document, 'B', {}))!;
    expect(refused.outcome).toMatchObject({ allowed: false, retryAfterSeconds: 1 });

    const error = rateLimitedError(refused);
    expect(error.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
      cost: { requestedQueryCost: 1, throttleStatus: { maximumAvailable: 2, currentlyAvailable: 0, restoreRate: 1 } },
      http: { status: 429 },
    });
    expect(error.message).toMatch(/retry in 1 s/);
  });

  it('prices nothing for a document whose operation it cannot pick (graphql-js reports that)', async () => {
    const limiter = new RateLimiter({ capacity: 2, restoreRate: 1 }, () => 0);
    const two = parse('query A { viewer { name } } query B { viewer { name } }');
    expect(await priceAndTake(limiter, schema, 'key', two, undefined, {})).toBeNull();
    expect(await priceAndTake(limiter, schema, 'key', two, 'C', {})).toBeNull();
  });

  it('says when no wait helps: the operation costs more than the bucket holds', async () => {
    const limiter = new RateLimiter({ capacity: 0.5, restoreRate: 1 }, () => 0);
    const priced = (await priceAndTake(limiter, schema, 'key', parse('{ viewer { name } }'), undefined, {}))!;
    expect(rateLimitedError(priced).message).toMatch(/more than the 0.5 a key may spend at once/);
  });
});
