// Integration: the built hostctl (cli/bin/hostctl.js) as a child process against the running
// platform that the root vitest globalSetup starts (`getPlatform()`). Each run creates its
// own brand, cluster names and tenant, so it can run beside other suites.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBrandDocument, createHostplaneClient, ListServerNodesDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../../../e2e/src/harness/platform.js';

const BIN = fileURLToPath(new URL('../../bin/hostctl.js', import.meta.url));
const platform = getPlatform();
const suffix = randomUUID().slice(0, 8);
// cwd without a .env, so only the environment below configures hostctl.
const workDir = mkdtempSync(path.join(tmpdir(), 'hostctl-test-'));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function hostctl(args: string[], apiKey = platform.adminKey): Promise<Run> {
  const env = { ...process.env, HOSTING_API_KEY: apiKey, HOSTING_API_URL: platform.apiUrl };
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd: workDir, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('hostctl', () => {
  let brandId: string;
  let shardId: string;
  let tenantId: string | undefined;

  beforeAll(async () => {
    const sdk = createHostplaneClient({ url: platform.apiUrl, apiKey: platform.adminKey });
    const name = `hostctl-${suffix}`;
    const { createBrand } = await sdk.mutate(CreateBrandDocument, {
      input: {
        name,
        baseHostname: `${name}.test`,
        hostmasterEmail: `hostmaster@${name}.test`,
        nsHostnames: [`ns1.${name}.test`, `ns2.${name}.test`],
      },
    });
    expect(createBrand.userErrors).toEqual([]);
    brandId = createBrand.brand!.id;
    // The platform's local node has a running agent; its WEB shard is where a tenant can become
    // ACTIVE. (platform.nodeId/shardId are database ids; the API speaks global ids.)
    const { serverNodes } = await sdk.query(ListServerNodesDocument, {});
    const local = serverNodes.find((node) => node.taskQueue === `node-${platform.nodeId}`);
    const shard = local?.shards.find((candidate) => candidate.role === 'WEB');
    if (!shard) throw new Error(`no WEB shard served by the platform's node ${platform.nodeId}`);
    shardId = shard.id;
    await sdk.close();
  });

  afterAll(async () => {
    if (tenantId) await hostctl(['tenants', 'delete', tenantId, '--watch']);
  });

  it('applies a cluster file idempotently', async () => {
    const file = path.join(workDir, 'cluster.yaml');
    // LB shards are never placement targets, so this cluster cannot attract other suites' tenants.
    writeFileSync(
      file,
      [
        `region: test-region-${suffix}`,
        `cluster: test-cluster-${suffix}`,
        'lbAddresses: [192.0.2.10]',
        'shards:',
        `  - { name: lb-${suffix}, role: LB }`,
        'nodes:',
        `  - { hostname: lb-${suffix}.test, ipAddress: 192.0.2.11, shards: [lb-${suffix}] }`,
      ].join('\n'),
    );
    const first = await hostctl(['cluster', 'apply', '-f', file, '--output', 'json']);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(first.stdout).changes.length).toBeGreaterThan(0);

    const second = await hostctl(['cluster', 'apply', '-f', file, '--output', 'json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ changes: [], cluster: { name: `test-cluster-${suffix}` } });
    const table = await hostctl(['cluster', 'apply', '-f', file]);
    expect(table.stdout.trim()).toBe('no changes');
  });

  it('creates and lists brands; a bad one is refused with its field errors', async () => {
    const name = `cli-${suffix}`;
    const create = await hostctl([
      'brands',
      'create',
      '--name',
      name,
      '--base-hostname',
      `${name}.test`,
      '--nameservers',
      `ns1.${name}.test, ns2.${name}.test`,
      '--hostmaster',
      `hostmaster@${name}.test`,
      '--output',
      'json',
    ]);
    expect(create.code, create.stderr).toBe(0);
    const brand = JSON.parse(create.stdout);
    expect(brand).toMatchObject({ name, nsHostnames: [`ns1.${name}.test`, `ns2.${name}.test`] });

    const list = await hostctl(['brands', 'list', '--output', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).brands.map((row: { id: string }) => row.id)).toContain(brand.id);
    expect((await hostctl(['brands', 'list'])).stdout).toContain(`${name}.test`);

    const bad = await hostctl([
      'brands',
      'create',
      '--name',
      'Bad Name',
      '--base-hostname',
      'x',
      '--nameservers',
      'a',
      '--hostmaster',
      'nope',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^input\.name: .+ \([A-Z_]+\)$/m);
  });

  it('creates a tenant and watches it to ACTIVE', async () => {
    // An explicit shard keeps placement certain while other suites add shards.
    const run = await hostctl([
      'tenants',
      'create',
      '--brand',
      brandId,
      '--shard',
      shardId,
      '--display-name',
      'hostctl test',
      '--watch',
      '--output',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const tenant = JSON.parse(run.stdout);
    tenantId = tenant.id;
    expect(tenant).toMatchObject({ status: 'ACTIVE', displayName: 'hostctl test', brand: { id: brandId } });
    expect(run.stderr).toMatch(/ACTIVE/);

    const list = await hostctl(['tenants', 'list', '--brand', brandId, '--output', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).tenants.map((row: { id: string }) => row.id)).toContain(tenantId);

    const get = await hostctl(['tenants', 'get', tenant.id]);
    expect(get.stdout).toMatch(/status:\s+ACTIVE/);
  }, 120_000);

  it('prints userErrors as field: message (CODE) and exits 1', async () => {
    const run = await hostctl(['tenants', 'create', '--brand', 'not-a-brand']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^input\.brandId: .+ \([A-Z_]+\)$/m);
  });

  it('exits 1 with UNAUTHENTICATED for a bad key, and 2 for usage errors', async () => {
    const bad = await hostctl(['tenants', 'list'], 'hp_not_a_real_key');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/UNAUTHENTICATED/);
    expect((await hostctl(['tenants', 'create'])).code).toBe(2);
    expect((await hostctl(['tenants', 'list', '--status', 'NOPE'])).code).toBe(2);
  });
});
