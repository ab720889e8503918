// A node says what it lacks: a second node agent, on a WEB shard of its own, is configured with an
// nginx that does not exist. It stays up, reports nginx missing (with its Debian package) to the
// API, and a webroot on its shard fails at once with a message naming nginx; once the path
// exists, retrying the webroot makes it ACTIVE without restarting the agent. Runtime versions a
// webroot may use are what the shard's nodes report; the capabilities are for admins only.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApplyClusterDocument,
  CreateTenantDocument,
  CreateWebrootDocument,
  DeleteTenantDocument,
  ListNodeCapabilitiesDocument,
  RetryWebrootDocument,
  TenantWebRuntimesDocument,
  type ListNodeCapabilitiesQuery,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryPoints, freePort, ProcessGroup, repoRoot, stopDaemonsUnder } from '@hostplane/scripts/lib';
import { getPlatform } from '../harness/platform.js';
import { removeUsersUnder } from '../harness/linux-users.js';
import { admin, client, closeClients, createBrand, createKey, withDatabase } from '../support/clients.js';
import { expectCode } from '../support/expect-error.js';
import { watchTenant } from '../support/watch.js';
import { watchWebroot } from '../support/web.js';

const tag = randomUUID().slice(0, 8);
const shardName = `caps-web-${tag}`;
const hostname = `caps-node-${tag}`;
let root: string;
let nginx: string;
let group: ProcessGroup;
let shardId: string;
let nodeId: string;
let brandId: string;
let tenant: { id: string; name: string };

/** Registers a node of a new WEB shard in the local cluster, as an operator's cluster file would. */
async function registerNode(): Promise<void> {
  // A cluster apply is the cluster's whole definition: its load balancer addresses are kept as they
  // are (an empty list would take them from every other test's automatic certificates).
  const lbAddresses = await withDatabase(async (db) =>
    (
      await db.query<{ address: string }>(
        'SELECT a.address FROM "ClusterLbAddress" a JOIN "Cluster" c ON c.id = a."clusterId" WHERE c.name = $1 ORDER BY a.address',
        ['local'],
      )
    ).rows.map((row) => row.address),
  );
  const { applyCluster } = await admin().mutate(ApplyClusterDocument, {
    input: {
      region: 'local',
      cluster: 'local',
      lbAddresses,
      shards: [{ name: shardName, role: 'WEB' }],
      nodes: [{ hostname, ipAddress: '127.0.0.1', shards: [shardName] }],
    },
  });
  if (!applyCluster.cluster) throw new Error(JSON.stringify(applyCluster.userErrors));
  shardId = applyCluster.cluster.shards.find((s) => s.name === shardName)!.id;
  const node = applyCluster.cluster.nodes.find((n) => n.hostname === hostname)!;
  nodeId = Buffer.from(node.id, 'base64url')
    .toString()
    .replace(/^ServerNode:/, '');
}

/** The second node agent: its own NODE_ID, state folders, ports — and an nginx path that does not exist. */
async function startSecondAgent(): Promise<void> {
  const platform = getPlatform();
  const { DATABASE_URL: _noDatabase, ...env } = process.env;
  group = new ProcessGroup({ logDir: path.join(repoRoot, 'test-artifacts', 'node-capabilities', tag) });
  await group.start('agent', process.execPath, [entryPoints.nodeAgent], {
    cwd: repoRoot,
    env: {
      ...env,
      HOSTPLANE_PAYLOAD_KEY: platform.payloadKey,
      TEMPORAL_ADDRESS: platform.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      NODE_ID: nodeId,
      HOSTPLANE_HOME_ROOT: path.join(root, 'homes'),
      HOSTPLANE_STATE_DIR: path.join(root, 'agent-state'),
      HOSTPLANE_WEB_STATE_DIR: path.join(root, 'agent-web'),
      HOSTPLANE_NGINX_LISTEN: `127.0.0.1:${await freePort()}`,
      HOSTPLANE_HAPROXY_BIND: `127.0.0.1:${await freePort()}`,
      HOSTPLANE_NGINX_BINARY: nginx,
      HOSTPLANE_WEB_STOP_ON_EXIT: 'true',
      LOG_LEVEL: 'info',
    },
    readyLine: /"msg":"node agent started"/,
  });
}

/** The node as the API shows it, once its agent has reported. */
async function reportedNode(): Promise<ListNodeCapabilitiesQuery['serverNodes'][number]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { serverNodes } = await admin().query(ListNodeCapabilitiesDocument, { shardId });
    const node = serverNodes.find((n) => n.hostname === hostname);
    if (node?.capabilitiesReportedAt) return node;
    if (Date.now() > deadline) throw new Error(`node ${hostname} did not report its capabilities`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  // Tenants' users and nginx's workers must traverse it (mkdtemp makes it 0700).
  root = await mkdtemp(path.join(tmpdir(), 'hostplane-caps-'));
  await chmod(root, 0o755);
  await mkdir(path.join(root, 'homes'), { mode: 0o755 });
  nginx = path.join(root, 'bin', 'nginx');
  brandId = (await createBrand()).id;
  await registerNode();
  await startSecondAgent();
}, 90_000);

afterAll(async () => {
  try {
    if (tenant) {
      await admin().mutate(DeleteTenantDocument, { input: { id: tenant.id } });
      await watchTenant(admin(), tenant.id, ['DELETED', 'FAILED']).catch(() => undefined);
    }
  } finally {
    await group?.stopAll({ graceMs: 10_000 });
    // Its agent is gone: the node leaves the shard, so automatic placement (other test files) can
    // never pick a shard whose last report still says it serves sites.
    if (nodeId) await withDatabase((db) => db.query('DELETE FROM "NodeShard" WHERE "nodeId" = $1', [nodeId]));
    if (root) {
      await stopDaemonsUnder(root);
      await removeUsersUnder(path.join(root, 'homes'));
      await rm(root, { recursive: true, force: true });
    }
    await closeClients();
  }
}, 90_000);

describe('a node without nginx', () => {
  it('stays up and the API shows nginx missing with its Debian package', async () => {
    const node = await reportedNode();
    const nginxReport = node.missingCapabilities.find((c) => c.name === 'nginx');
    expect(nginxReport).toMatchObject({
      available: false,
      path: nginx,
      package: 'nginx',
      reason: `${nginx} not found`,
    });
    expect(node.capabilities.find((c) => c.name === 'php-fpm 8.2')).toMatchObject({ available: true });
    expect(group.tail('agent')).not.toMatch(/ENOENT/);
  });

  it('is passed over by automatic placement, which picks only shards whose nodes reported nginx', async () => {
    const c = admin();
    const { createTenant } = await c.mutate(CreateTenantDocument, { input: { brandId, displayName: 'placed' } });
    const placed = createTenant.tenant!;
    try {
      const rows = await withDatabase((db) =>
        db.query<{ shardId: string; nginx: boolean; reported: boolean }>(
          `SELECT t."shardId", n.capabilities @> '[{"name":"nginx","available":true}]' AS nginx,
                  n."capabilitiesReportedAt" IS NOT NULL AS reported
             FROM "Tenant" t JOIN "NodeShard" ns ON ns."shardId" = t."shardId" JOIN "Node" n ON n.id = ns."nodeId"
            WHERE t.name = $1`,
          [placed.name],
        ),
      );
      const ownShard = Buffer.from(shardId, 'base64url')
        .toString()
        .replace(/^Shard:/, '');
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const row of rows.rows)
        expect(row).toEqual({ shardId: expect.not.stringMatching(ownShard), nginx: true, reported: true });
    } finally {
      await c.mutate(DeleteTenantDocument, { input: { id: placed.id } });
    }
  });

  it('fails a webroot on its shard at once, naming nginx; after nginx appears a retry makes it ACTIVE', async () => {
    const c = admin();
    const { createTenant } = await c.mutate(CreateTenantDocument, {
      input: { brandId, shardId, displayName: 'capabilities' },
    });
    tenant = createTenant.tenant!;
    expect((await watchTenant(c, tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');

    const { createWebroot } = await c.mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'STATIC' },
    });
    const webroot = createWebroot.webroot!;
    // Fails fast: well inside the default 45 s watch, where a retried ENOENT would time out.
    expect((await watchWebroot(c, webroot.id, ['ACTIVE', 'FAILED'], 20_000)).status).toBe('FAILED');
    const failed = await withDatabase((db) =>
      db.query<{ statusMessage: string }>('SELECT "statusMessage" FROM "Webroot" WHERE name = $1', [webroot.name]),
    );
    expect(failed.rows[0]?.statusMessage).toContain(
      `nginx is not available on node ${nodeId}: ${nginx} not found (Debian package nginx)`,
    );

    await mkdir(path.dirname(nginx));
    await symlink('/usr/sbin/nginx', nginx);
    const { retryWebroot } = await c.mutate(RetryWebrootDocument, { input: { id: webroot.id } });
    expect(retryWebroot.userErrors).toEqual([]);
    expect((await watchWebroot(c, webroot.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    // The re-probe changed the picture: the agent reported it without waiting for its next period.
    await expect
      .poll(async () => (await reportedNode()).missingCapabilities.map((m) => m.name), { timeout: 15_000 })
      .not.toContain('nginx');
  }, 90_000);

  it('offers the runtime versions the shard reports and refuses others with a userError, writing nothing', async () => {
    const c = admin();
    const { tenant: offered } = await c.query(TenantWebRuntimesDocument, { tenantId: tenant.id });
    const php = offered.webRuntimes.find((r) => r.runtime === 'PHP')!;
    expect(php).toEqual({ runtime: 'PHP', versions: ['8.2'], defaultVersion: '8.2' });

    const { createWebroot } = await c.mutate(CreateWebrootDocument, {
      input: { tenantId: tenant.id, runtime: 'PHP', runtimeVersion: '5.6' },
    });
    expect(createWebroot.webroot).toBeNull();
    expect(createWebroot.userErrors).toEqual([
      expect.objectContaining({
        field: ['input', 'runtimeVersion'],
        message: 'PHP 5.6 is not available; available: 8.2.',
      }),
    ]);
    // No row, so no workflow (its id is the webroot's) and no event.
    const rows = await withDatabase((db) =>
      db.query('SELECT 1 FROM "Webroot" w JOIN "Tenant" t ON t.id = w."tenantId" WHERE t.name = $1', [tenant.name]),
    );
    expect(rows.rowCount).toBe(1); // the STATIC one of the previous test only
  });

  it('shows capabilities to platform admins only', async () => {
    const brandKey = client(await createKey(['*'], [brandId]));
    const tenantKey = client(await createKey(['*'], [brandId], tenant.id));
    for (const c of [brandKey, tenantKey])
      await expectCode(c.query(ListNodeCapabilitiesDocument, { shardId }), 'FORBIDDEN');
    // A tenant still sees which versions it may pick, not the nodes behind them.
    const { tenant: own } = await tenantKey.query(TenantWebRuntimesDocument, { tenantId: tenant.id });
    expect(own.webRuntimes.find((r) => r.runtime === 'PHP')?.versions).toEqual(['8.2']);
  });
});
