// Each key spends query-cost points from its own bucket (server/src/rate-limits): answers report
// the price and what is left; a key that outspends it is refused RATE_LIMITED with 429 and
// Retry-After, while other keys go on. The buckets live in PostgreSQL: every API process spends
// from the same one.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
    // rateLimitRetries 0: refusals reach the test instead of being waited out by the SDK.
    const spender = createHostplaneClient({
      url: getPlatform().apiUrl,
      apiKey: secret,
      fetch: recording,
      rateLimitRetries: 0,
    });
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

  it('shares a key’s bucket between API processes: what one spent, the other has not', async () => {
    const second = await startSecondApi();
    try {
      const secret = await createKey(['tenants:read'], [brandId]);
      const spender = createHostplaneClient({ url: getPlatform().apiUrl, apiKey: secret, rateLimitRetries: 0 });
      // Twice the bucket at once on the platform's API: it runs dry (as in the test above).
      const burst = Array.from({ length: 60 }, (_, i) =>
        spender.query(ListTenantsDocument, { first: 100, filter: { brandId, search: `shared ${i}` } }),
      );
      const outcomes = await Promise.allSettled(burst);
      expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
      // The second process sees the same bucket: nearly empty (refilled only since), not full.
      const answer = await fetch(second.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: JSON.stringify({ query: '{ viewer { name } }' }),
      });
      const limit = Number(answer.headers.get('x-ratelimit-limit'));
      expect(limit).toBeGreaterThan(0);
      expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeLessThan(limit / 2);
    } finally {
      second.process.kill('SIGTERM');
    }
  });
});

/** A second API process on the run's database and Temporal, as a second host would run it. */
async function startSecondApi(): Promise<{ url: string; process: ChildProcess }> {
  const { databaseUrl, temporalAddress, payloadKey } = getPlatform();
  const main = fileURLToPath(new URL('../../../server/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      HOSTPLANE_PAYLOAD_KEY: payloadKey,
      API_HOST: '127.0.0.1',
      API_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`second API did not start: ${output}`)), 45_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /"msg":"api listening".*?"url":"([^"]+)"|"url":"([^"]+)".*?"msg":"api listening"/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve((found[1] ?? found[2])!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`second API exited (${code}): ${output}`)));
  });
  return { url, process: child };
}
