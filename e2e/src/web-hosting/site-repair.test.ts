// Unbinding, shard convergence after a node lost this file's server blocks, and removal of webroots
// and tenants, on the real node agent, checked through HAProxy and on the node's disk. The node is
// shared with the other test files running beside this one: only this file's sites are damaged.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  DeleteTenantDocument,
  DeleteWebrootDocument,
  GetFqdnDocument,
  ListShardsDocument,
  UnbindFqdnDocument,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { convergeAndWait } from '../support/convergence.js';
import { watchTenant } from '../support/watch.js';
import { bindActive, createActiveWebroot, expectSite, watchFqdn, watchWebroot, writeSiteFile } from '../support/web.js';

const NOT_ROUTED = 'no site is bound to this host name';
/** nginx's default server: routed by HAProxy, but no server block on the node. */
const NOT_SERVED = /404 Not Found/;
const onNode = (...parts: string[]) => path.join(getPlatform().webStateDir, ...parts);
const globalShardId = (id: string) => Buffer.from(`Shard:${id}`).toString('base64url');

/**
 * A finished run that converged this file's sites: SUCCEEDED, or FAILED only for resources of other
 * test files (their deliberately broken webroots share the shard) — never FAILED without a reason.
 */
function expectConverged(
  run: { status: string; errors: { resourceId: string | null; message: string }[] },
  ourIds: string[],
) {
  expect(run.status).toBe(run.errors.length === 0 ? 'SUCCEEDED' : 'FAILED');
  const ours = run.errors.filter((e) => ourIds.includes(e.resourceId ?? ''));
  expect(ours).toEqual([]);
  expect(
    run.errors.every((e) => e.resourceId !== null),
    JSON.stringify(run.errors),
  ).toBe(true);
}

describe('unbinding, convergence and removal', () => {
  const tag = randomUUID().slice(0, 8);
  const host = (name: string) => `${name}-${tag}.example.test`;
  let tenant: { id: string; name: string; uid: number };
  let php: { id: string; name: string; serviceHostname: string };
  let site: { id: string; name: string };
  let shopId: string;
  let wwwId: string;

  beforeAll(async () => {
    const brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'repair tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    [php, site] = await Promise.all([
      createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'PHP' }),
      createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' }),
    ]);
    await writeSiteFile(tenant, php.name, 'public/index.php', '<?php echo "php ", posix_geteuid();');
    await writeSiteFile(tenant, site.name, 'public/index.html', 'static');
    shopId = (await bindActive(admin(), php.id, host('shop'))).id;
    wwwId = (await bindActive(admin(), php.id, host('www'))).id;
    await bindActive(admin(), site.id, host('static'));
  }, 150_000); // a tenant, two webroots and three bindings, each a workflow, under load
  afterAll(closeClients);

  it('stops routing an unbound FQDN at the load balancer', async () => {
    await expectSite(host('shop'), 200, `php ${tenant.uid}`);
    const { unbindFqdn } = await admin().mutate(UnbindFqdnDocument, { input: { id: shopId } });
    expect(unbindFqdn.fqdn?.status).toBe('DELETING');
    expect((await watchFqdn(admin(), shopId, ['DELETED', 'FAILED'])).status).toBe('DELETED');
    await expectSite(host('shop'), 404, NOT_ROUTED);
    await expectSite(host('www'), 200, `php ${tenant.uid}`);
    const conf = await readFile(onNode('etc', 'nginx', 'sites', `${php.name}.conf`), 'utf8');
    expect(conf).not.toContain(host('shop'));
    expect(conf).toContain(host('www'));
  });

  it("repairs a node that lost this file's server blocks: its sites answer again", async () => {
    const sitesDir = onNode('etc', 'nginx', 'sites');
    const phpConf = path.join(sitesDir, `${php.name}.conf`);
    const before = await readFile(phpConf, 'utf8');
    // Only our own blocks go; a reload (SIGHUP, graceful) makes nginx forget them while every
    // other file's site keeps answering.
    await Promise.all([php, site].map((w) => rm(path.join(sitesDir, `${w.name}.conf`))));
    const pid = Number(await readFile(onNode('run', 'nginx', 'nginx.pid'), 'utf8'));
    process.kill(pid, 'SIGHUP');
    await expectSite(host('www'), 404, NOT_SERVED, 10_000);
    await expectSite(host('static'), 404, NOT_SERVED, 10_000);

    const run = await convergeAndWait(globalShardId(getPlatform().shardId));
    expectConverged(run, [php.id, site.id]);
    expect(await readFile(phpConf, 'utf8')).toBe(before);
    await expectSite(host('www'), 200, `php ${tenant.uid}`);
    await expectSite(host('static'), 200, 'static');
    await expectSite(php.serviceHostname, 200, `php ${tenant.uid}`);

    // Safe to run at any time: again, and the LB shard on its own.
    expectConverged(await convergeAndWait(globalShardId(getPlatform().shardId)), [php.id, site.id]);
    const { shards } = await admin().query(ListShardsDocument, { role: 'LB' });
    const lb = shards.find((s) => s.name === 'local-lb')!;
    const lbRun = await convergeAndWait(lb.id);
    expect({ status: lbRun.status, errors: lbRun.errors }).toEqual({ status: 'SUCCEEDED', errors: [] });
    await expectSite(host('static'), 200, 'static');
  });

  it('deletes a webroot: server block, pool, folder and routes gone, its FQDNs DELETED', async () => {
    const { deleteWebroot } = await admin().mutate(DeleteWebrootDocument, {
      input: { id: php.id },
    });
    expect(deleteWebroot.webroot?.status).toBe('DELETING');
    const deleted = await watchWebroot(admin(), php.id, ['DELETED', 'FAILED']);
    expect(deleted.status).toBe('DELETED');
    expect(deleted.events.filter((e) => e.stepState === 'SUCCEEDED').map((e) => e.step)).toEqual([
      'load balancer updated',
      'site removed',
      // Its service hostname out of the brand's zone (issue 12).
      'service host names',
    ]);
    expect(existsSync(onNode('etc', 'nginx', 'sites', `${php.name}.conf`))).toBe(false);
    expect(existsSync(onNode('etc', 'php-fpm', '8.2', 'pools', `${php.name}.conf`))).toBe(false);
    expect(existsSync(path.join(getPlatform().homeRoot, tenant.name, 'webroots', php.name))).toBe(false);
    await expectSite(host('www'), 404, NOT_ROUTED);
    await expectSite(php.serviceHostname, 404, NOT_ROUTED);
    // The webroot takes the FQDN still bound to it along (the unbound one stays DELETED).
    expect((await watchFqdn(admin(), wwwId, ['DELETED', 'FAILED'], 10_000)).status).toBe('DELETED');
    expect((await admin().query(GetFqdnDocument, { id: wwwId })).fqdn.status).toBe('DELETED');
    expect((await admin().query(GetFqdnDocument, { id: shopId })).fqdn.status).toBe('DELETED');
    await expectSite(host('static'), 200, 'static');
  });

  it('deleting the tenant removes its remaining sites first', async () => {
    await admin().mutate(DeleteTenantDocument, { input: { id: tenant.id } });
    const deleted = await watchTenant(admin(), tenant.id, ['DELETED', 'FAILED']);
    expect(deleted.status).toBe('DELETED');
    expect(deleted.events.some((e) => e.step === 'sites removed' && e.stepState === 'SUCCEEDED')).toBe(true);
    expect((await watchWebroot(admin(), site.id, ['DELETED'])).status).toBe('DELETED');
    expect(existsSync(onNode('etc', 'nginx', 'sites', `${site.name}.conf`))).toBe(false);
    await expectSite(host('static'), 404, NOT_ROUTED);
  });
});
