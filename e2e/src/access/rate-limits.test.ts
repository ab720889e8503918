// Each key spends query-cost points from its own bucket (server/src/rate-limits): answers report
// the price and what is left; a key that outspends it is refused RATE_LIMITED with 429 and
// Retry-After, while other keys go on.
import { createHostplaneClient, ListTenantsDocument, ViewerDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createKey } from '../support/clients.js';

interface Answer {
  status: number;
  retryAfter: string | null;
  remaining: string | null;
  body: {
    errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[];
    extensions?: { cost?: { requestedQueryCost: number; throttleStatus: Record<string, number> } };
  };
}

describe('rate limits', () => {
  let brandId: string;
  beforeAll(async () => {
    brandId = (await createBrand()).id;
  });
  afterAll(closeClients);

  it('prices every answer, refuses a key that outspends its bucket with 429, and lets others on', async () => {
    const secret = await createKey(['tenants:read'], [brandId]);
    const answers: Answer[] = [];
    const recording: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.clone().json()) as Answer['body'];
      answers.push({
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        remaining: response.headers.get('x-ratelimit-remaining'),
        body,
      });
      return response;
    };
    const spender = createHostplaneClient({ url: getPlatform().apiUrl, apiKey: secret, fetch: recording });
    const page = { first: 100, filter: { brandId } };

    await spender.query(ListTenantsDocument, page);
    const { requestedQueryCost: cost, throttleStatus } = answers[0]!.body.extensions!.cost!;
    expect(cost).toBeGreaterThan(100); // a 100-row page is priced by its rows
    expect(throttleStatus).toMatchObject({ currentlyAvailable: throttleStatus.maximumAvailable! - cost });
    expect(Number(answers[0]!.remaining)).toBe(throttleStatus.maximumAvailable! - cost);

    // Twice what the bucket holds, at once: the bucket runs dry and the rest is refused. (Each
    // search differs: urql would merge identical queries in flight into one request.)
    const burst = Math.ceil((2 * throttleStatus.maximumAvailable!) / cost);
    const outcomes = await Promise.allSettled(
      Array.from({ length: burst }, (_, i) =>
        spender.query(ListTenantsDocument, { ...page, filter: { brandId, search: `burst ${i}` } }),
      ),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(outcomes.length - refused.length).toBeGreaterThan(0);
    for (const o of refused) expect((o as PromiseRejectedResult).reason).toMatchObject({ code: 'RATE_LIMITED' });
    const tooMany = answers.find((a) => a.status === 429)!;
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const wait = Number(tooMany.retryAfter);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(tooMany.body.errors?.[0]?.extensions?.retryAfterSeconds).toBe(wait);

    // Another key's bucket is its own.
    await expect(admin().query(ViewerDocument)).resolves.toBeTruthy();

    // Once refilled, the key works again.
    await new Promise((resolve) => setTimeout(resolve, (wait + 1) * 1000));
    await expect(spender.query(ListTenantsDocument, page)).resolves.toBeTruthy();
  });
});
