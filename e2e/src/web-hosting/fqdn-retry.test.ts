// retryFqdn of a FAILED binding, failed for real: the webroot's record names a PHP version the
// node lacks (drift the API would never write), so the node agent refuses to re-render its server
// block with the new name and the FQDN lands FAILED with that reason, never routed; the record
// is repaired and the retried binding is served through the load balancer.
import { randomUUID } from 'node:crypto';
import { BindFqdnDocument, GetFqdnDocument, RetryFqdnDocument } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, uuidOf, withDatabase } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { createActiveWebroot, expectSite, watchFqdn, writeSiteFile } from '../support/web.js';

describe('retry of a FAILED FQDN', () => {
  const hostname = `retry-${randomUUID().slice(0, 8)}.example.test`;
  let tenant: { id: string; name: string; uid: number };
  let webroot: { id: string; name: string; runtimeVersion: string };

  beforeAll(async () => {
    const brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'fqdn retry tenant');
    await watchTenant(admin(), tenant.id, ['ACTIVE']);
    webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'PHP' });
    await writeSiteFile(tenant, webroot.name, 'public/index.php', '<?php echo "retried";');
  }, 90_000);
  afterAll(closeClients);

  it('lands FAILED with the agent’s reason, unrouted; after the repair, retryFqdn serves it', async () => {
    const c = admin();
    const setVersion = (version: string) =>
      withDatabase((db) =>
        db.query(`UPDATE "Webroot" SET "runtimeVersion" = $2 WHERE id = $1`, [uuidOf(webroot.id), version]),
      );
    await setVersion('9.9');
    const { bindFqdn } = await c.mutate(BindFqdnDocument, { input: { webrootId: webroot.id, hostname } });
    const id = bindFqdn.fqdn!.id;
    expect((await watchFqdn(c, id, ['ACTIVE', 'FAILED'], 20_000)).status).toBe('FAILED');
    const failed = (await c.query(GetFqdnDocument, { id })).fqdn;
    expect(failed.statusMessage).toContain('PHP 9.9 is not installed on this node');
    await expectSite(hostname, 404, 'no site is bound to this host name');

    await setVersion(webroot.runtimeVersion);
    const { retryFqdn } = await c.mutate(RetryFqdnDocument, { input: { id } });
    expect([retryFqdn.fqdn?.status, retryFqdn.userErrors]).toEqual(['PENDING', []]);
    expect((await watchFqdn(c, id, ['ACTIVE', 'FAILED'], 20_000)).status).toBe('ACTIVE');
    expect((await c.query(GetFqdnDocument, { id })).fqdn.statusMessage).toBeNull();
    await expectSite(hostname, 200, 'retried');

    // Retry is for FAILED bindings only.
    const again = await c.mutate(RetryFqdnDocument, { input: { id } });
    expect(again.retryFqdn.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
  }, 60_000);
});
