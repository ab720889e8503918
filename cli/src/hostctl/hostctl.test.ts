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
import { getPlatform } from '@hostplane/e2e/harness';
import { withDatabase } from '@hostplane/e2e/support/clients';
import { expectSite, writeSiteFile } from '@hostplane/e2e/support/web';

const BIN = fileURLToPath(new URL('../../bin/hostctl.js', import.meta.url));
const platform = getPlatform();
const suffix = randomUUID().slice(0, 8);
// cwd without a .env, so only the environment below configures hostctl.
const workDir = mkdtempSync(path.join(tmpdir(), 'hostctl-test-'));

/** The uuid inside a global id (`Type:uuid`, base64url): what the SQL arrangement needs. */
const decodeId = (id: string) => Buffer.from(id, 'base64url').toString('utf8').split(':')[1];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function hostctl(args: string[], apiKey = platform.adminKey, extraEnv: Record<string, string> = {}): Promise<Run> {
  const env = { ...process.env, HOSTING_API_KEY: apiKey, HOSTING_API_URL: platform.apiUrl, ...extraEnv };
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
  let tenantUid: number;
  let tenantName: string;

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
  }, 100_000); // holds the CLI's own 90 s bound (the default hook timeout is 60 s)

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
    // Three CLI runs, each a Node start: on a loaded 2-core machine that is more than 30 s.
  }, 120_000);

  it('creates and lists brands with the generated flags; a bad one is refused with its field errors', async () => {
    const name = `cli-${suffix}`;
    const create = await hostctl([
      'brands',
      'create',
      '--name',
      name,
      '--base-hostname',
      `${name}.test`,
      '--ns-hostnames',
      `ns1.${name}.test, ns2.${name}.test`,
      '--hostmaster-email',
      `hostmaster@${name}.test`,
      '-o',
      'json',
    ]);
    expect(create.code, create.stderr).toBe(0);
    const brand = JSON.parse(create.stdout);
    expect(brand).toMatchObject({ name, nsHostnames: [`ns1.${name}.test`, `ns2.${name}.test`] });

    const list = await hostctl(['brands', 'list', '--first', '100', '-o', 'json']);
    expect(list.code, list.stderr).toBe(0);
    const ids = JSON.parse(list.stdout).edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(ids.length).toBeGreaterThan(0);
    expect((await hostctl(['brands', 'get', brand.id])).stdout).toMatch(new RegExp(`baseHostname:\\s+${name}\\.test`));

    const bad = await hostctl([
      'brands',
      'create',
      '--name',
      'Bad Name',
      '--base-hostname',
      'x',
      '--ns-hostnames',
      'a',
      '--hostmaster-email',
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
      '--brand-id',
      brandId,
      '--shard-id',
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
    tenantUid = tenant.uid;
    tenantName = tenant.name;
    expect(tenant).toMatchObject({ status: 'ACTIVE', displayName: 'hostctl test', brand: { id: brandId } });
    expect(run.stderr).toMatch(/status ACTIVE/);

    const list = await hostctl(['tenants', 'list', '--brand-id', brandId, '-o', 'json']);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(tenantId);
    expect((await hostctl(['tenants', 'list', '--brand-id', brandId])).stdout).toMatch(/^ID\s+NAME\s.*STATUS/m);

    const get = await hostctl(['tenants', 'get', tenant.id]);
    expect(get.stdout).toMatch(/status:\s+ACTIVE/);
  }, 120_000);

  it('creates a PHP webroot and binds a host name, each watched to ACTIVE (exit 0), answering through HAProxy', async () => {
    const webroot = await hostctl(
      ['webroots', 'create', '--tenant-id', tenantId!, '--runtime', 'PHP', '--watch', '-o', 'json'],
      platform.adminKey,
    );
    expect(webroot.code, webroot.stderr).toBe(0);
    expect(webroot.stderr).toMatch(/step .+: SUCCEEDED/);
    const created = JSON.parse(webroot.stdout);
    expect(created).toMatchObject({ status: 'ACTIVE', runtime: 'PHP' });

    const bind = await hostctl(['fqdns', 'bind', '--webroot-id', created.id, '--hostname', `www.${suffix}.test`, '-w']);
    expect(bind.code, bind.stderr).toBe(0);
    expect(bind.stdout).toMatch(/status:\s+ACTIVE/);
    // README's "A fresh platform…" steps end here: a page as the tenant, then curl through HAProxy.
    const page = '<?php echo "hello from PHP";';
    await writeSiteFile({ name: tenantName, uid: tenantUid }, created.name, 'public/index.php', page);
    await expectSite(`www.${suffix}.test`, 200, 'hello from PHP');
  }, 120_000);

  it('suspends and unsuspends a tenant, each watched to its status', async () => {
    const suspend = await hostctl([
      'tenants',
      'suspend',
      '--id',
      tenantId!,
      '--reason',
      'unpaid',
      '--watch',
      '-o',
      'json',
    ]);
    expect(suspend.code, suspend.stderr).toBe(0);
    expect(JSON.parse(suspend.stdout)).toMatchObject({ status: 'SUSPENDED', suspendReason: 'unpaid' });
    const unsuspend = await hostctl(['tenants', 'unsuspend', tenantId!, '--watch', '-o', 'json']);
    expect(unsuspend.code, unsuspend.stderr).toBe(0);
    expect(JSON.parse(unsuspend.stdout)).toMatchObject({ status: 'ACTIVE' });
  }, 120_000);

  it('exits 1 when a watched workflow ends FAILED, and 0 once a retry makes it ACTIVE', async () => {
    // Arrange drift the API would never write: the record says another UID (nobody's).
    await withDatabase((db) =>
      db.query(`UPDATE "Tenant" SET uid = 65534, status = 'FAILED', "lastOperation" = 'CREATE' WHERE id = $1`, [
        decodeId(tenantId!),
      ]),
    );
    const failed = await hostctl(['tenants', 'retry', tenantId!, '--watch', '-o', 'json']);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/ended FAILED/);
    expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'FAILED' });

    await withDatabase((db) =>
      db.query(`UPDATE "Tenant" SET uid = $2 WHERE id = $1`, [decodeId(tenantId!), tenantUid]),
    );
    const retried = await hostctl(['tenants', 'retry', tenantId!, '--watch']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toMatch(/status:\s+ACTIVE/);
  }, 120_000);

  it('refuses an invalid enum value before any request (exit 2)', async () => {
    // An unreachable API: a request would end in a network error (exit 1), not a usage error.
    const run = await hostctl(['webroots', 'create', '--tenant-id', 'x', '--runtime', 'COBOL'], platform.adminKey, {
      HOSTING_API_URL: 'http://127.0.0.1:9/graphql',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/COBOL.+invalid.+NODE, PHP/);
    const list = await hostctl(['tenants', 'list', '--status', 'ACTIVE,NOPE'], platform.adminKey, {
      HOSTING_API_URL: 'http://127.0.0.1:9/graphql',
    });
    expect(list.code).toBe(2);
  });

  it('prints a bash completion script that bash accepts', async () => {
    const run = await hostctl(['completion', 'bash']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('complete -F _hostctl_complete hostctl');
    expect(run.stdout).toContain("'databases users'");
    const file = path.join(workDir, 'completion.bash');
    writeFileSync(file, run.stdout);
    await new Promise<void>((resolve, reject) =>
      execFile('bash', ['-n', file], (error, _out, stderr) => (error ? reject(new Error(stderr)) : resolve())),
    );
  });

  it('prints userErrors as field: message (CODE) and exits 1', async () => {
    const run = await hostctl(['tenants', 'create', '--brand-id', 'not-a-brand']);
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

  it('deletes the tenant, watched to DELETED', async () => {
    const run = await hostctl(['tenants', 'delete', tenantId!, '--watch']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/ended DELETED/);
    tenantId = undefined;
  }, 120_000);
});
