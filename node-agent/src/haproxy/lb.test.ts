// The load balancer with a real HAProxy on loopback: two fake "web nodes" per shard are plain
// HTTP servers answering with their own name.
import { readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHttp, httpGet, lbTestOptions, makeTestRoot } from '../webroots/test-harness.js';
import { createLbActivities } from './activities.js';
import { LoadBalancerManager, type HaproxyOptions } from './manager.js';
import { parseMapFile } from './render.js';
import { chunkPayload, MAX_PAYLOAD_BYTES } from './runtime-api.js';

let root: string;
let options: HaproxyOptions;
let port: number;
let lb: LoadBalancerManager;
const servers: http.Server[] = [];
const backends: Array<{ name: string; servers: Array<{ name: string; address: string }> }> = [];

async function webNode(name: string): Promise<string> {
  const server = http.createServer((_req, res) => res.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

const runtimeMap = async () => {
  const [text] = await lb.runtime.execute([{ line: `show map ${options.mapFile}` }]);
  return (text ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ').slice(1).join(' '));
};

beforeAll(async () => {
  root = await makeTestRoot('lb');
  ({ options, port } = await lbTestOptions(root));
  lb = new LoadBalancerManager(options);
  for (const shard of ['shard_a', 'shard_b']) {
    backends.push({
      name: shard,
      servers: [
        { name: `${shard}_1`, address: await webNode(`${shard}_1`) },
        { name: `${shard}_2`, address: await webNode(`${shard}_2`) },
      ],
    });
  }
});

afterAll(async () => {
  await lb?.stop();
  for (const server of servers) server.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('runtime API payloads', () => {
  it("are cut below HAProxy's buffer size, keeping every line", () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `site-${i}.${'x'.repeat(60)}.test shard_web1`);
    const chunks = chunkPayload(lines);
    expect(chunks.flat()).toEqual(lines);
    for (const chunk of chunks) expect(Buffer.byteLength(chunk.join('\n')) + 1).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(chunks.length).toBeGreaterThan(15);
  });
});

describe('load balancer', () => {
  const act = () => createLbActivities({ lb, logger: pino({ level: 'silent' }) });

  it('converges backends and the map, routes by Host with sticky consistent hashing', async () => {
    expect(await act().convergeLb({ backends, entries: [{ fqdn: 'a.test', backend: 'shard_a' }] })).toEqual({
      entries: 1,
      action: 'started',
    });
    const first = await expectHttp(port, 'a.test', 200, /^shard_a_[12]$/);
    for (let i = 0; i < 5; i++) expect((await httpGet(port, 'a.test')).body).toBe(first.body);
    await expectHttp(port, 'unknown.test', 404, 'no site is bound to this host name');
  });

  it('sets and moves mappings through the runtime API without a reload or duplicates', async () => {
    await act().setFqdnMappings({
      entries: [
        { fqdn: 'b.test', backend: 'shard_b' },
        { fqdn: 'a.test', backend: 'shard_a' },
      ],
    });
    await expectHttp(port, 'b.test', 200, /^shard_b_/);
    expect(await act().setFqdnMappings({ entries: [{ fqdn: 'b.test', backend: 'shard_a' }] })).toEqual({ changed: 1 });
    await expectHttp(port, 'b.test', 200, /^shard_a_/);
    expect((await runtimeMap()).sort()).toEqual(['a.test shard_a', 'b.test shard_a']);
    expect(parseMapFile(await readFile(options.mapFile, 'utf8'))).toEqual(
      new Map([
        ['a.test', 'shard_a'],
        ['b.test', 'shard_a'],
      ]),
    );
    expect(lb.stats.reloads).toBe(0);
  });

  it('refuses unknown backends and keeps the live config when haproxy -c refuses a new one', async () => {
    await expect(act().setFqdnMappings({ entries: [{ fqdn: 'c.test', backend: 'shard_zz' }] })).rejects.toMatchObject({
      type: 'InvalidLbSpec',
      nonRetryable: true,
    });
    const bad = [...backends, { name: 'shard_c', servers: [{ name: 'c1', address: '300.1.1.1:80' }] }];
    const failure = await act()
      .convergeLb({ backends: bad, entries: [] })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({
      type: 'HaproxyConfigRejected',
      nonRetryable: true,
      message: expect.stringMatching(/\[ALERT\].*300\.1\.1\.1/),
    });
    expect((failure as Error).message).not.toContain('.candidate');
    expect(parseMapFile(await readFile(options.mapFile, 'utf8')).get('a.test')).toBe('shard_a'); // map file untouched
    await expectHttp(port, 'a.test', 200, /^shard_a_/);
  });

  it('keeps runtime changes over a restart (they are in the map file too)', async () => {
    await act().setFqdnMappings({ entries: [{ fqdn: 'kept.test', backend: 'shard_b' }] });
    await lb.stop();
    await act().setFqdnMappings({ entries: [{ fqdn: 'other.test', backend: 'shard_b' }] }); // starts HAProxy again
    await expectHttp(port, 'kept.test', 200, /^shard_b_/);
    expect(lb.stats.starts).toBe(2);
  });

  it('applies a large batch in payload chunks, and converge replaces the whole map at once', async () => {
    const entries = Array.from({ length: 20_000 }, (_, i) => ({
      fqdn: `site-${i}.bulk.test`,
      backend: i % 2 ? 'shard_a' : 'shard_b',
    }));
    await act().setFqdnMappings({ entries });
    expect((await runtimeMap()).length).toBe(20_004);
    await expectHttp(port, 'site-7.bulk.test', 200, /^shard_a_/);
    const result = await act().convergeLb({ backends, entries: entries.slice(0, 3) });
    expect(result).toEqual({ entries: 3, action: 'unchanged' });
    expect((await runtimeMap()).length).toBe(3);
    await expectHttp(port, 'a.test', 404);
    expect(lb.stats.reloads).toBe(0);
  });

  it('reloads seamlessly when the backends change', async () => {
    const more = [
      ...backends,
      { name: 'shard_c', servers: [{ name: 'c1', address: backends[0]!.servers[0]!.address }] },
    ];
    const result = await act().convergeLb({
      backends: more,
      entries: [{ fqdn: 'c.test', backend: 'shard_c' }],
    });
    expect(result).toEqual({ entries: 1, action: 'reloaded' });
    await expectHttp(port, 'c.test', 200, 'shard_a_1');
    await act().removeFqdnMappings({ fqdns: ['c.test'] });
    await expectHttp(port, 'c.test', 404);
  });
});
