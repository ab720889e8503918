// Hostname squatting (issue 10, SECURITY.md). A name routes the moment the load balancer has it,
// so a tenant must not take another brand's names, nor a customer's `www.` that DNS already
// points at the platform: a tenant's binding routes only once DNS (the run's real PowerDNS)
// publishes its own TXT challenge; brands reserve suffixes; a claim nobody proves blocks nobody.
import { randomUUID } from 'node:crypto';
import {
  BindFqdnDocument,
  GetFqdnDocument,
  UnbindFqdnDocument,
  UpdateBrandDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { createZone, setTxt } from '../support/dns.js';
import { watchTenant, withinTest } from '../support/watch.js';
import { createActiveWebroot, expectSite, watchFqdn, writeSiteFile } from '../support/web.js';

interface Site {
  key: HostplaneClient;
  tenant: { id: string; name: string; uid: number };
  webroot: { id: string; name: string };
}

const tag = randomUUID().slice(0, 8);

async function siteOf(brandId: string, page: string): Promise<Site> {
  const tenant = await createTenant(admin(), brandId, 'hostname claims');
  await watchTenant(admin(), tenant.id, ['ACTIVE']);
  const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
  await writeSiteFile(tenant, webroot.name, 'public/index.html', page);
  const key = client(await createKey(['webroots:read', 'webroots:write'], [brandId], tenant.id));
  return { key, tenant, webroot };
}

async function bind(site: Site, hostname: string) {
  const { bindFqdn } = await site.key.mutate(BindFqdnDocument, { input: { webrootId: site.webroot.id, hostname } });
  return bindFqdn;
}

describe('binding a host name needs proof of control', () => {
  let brandA: { id: string; baseHostname: string };
  let owner: Site; // the name's real owner: controls its DNS
  let squatter: Site; // another brand's tenant
  const zone = `shop-${tag}.test`;
  const reserved = `sites-${tag}.test`;

  beforeAll(async () => {
    brandA = await createBrand();
    const brandB = await createBrand();
    [owner, squatter] = await Promise.all([siteOf(brandA.id, 'owner'), siteOf(brandB.id, 'squatter')]);
    await createZone(zone);
  }, 120_000);
  afterAll(closeClients);

  it("a tenant's binding waits PENDING, unrouted, until its own TXT record is published; then it routes", async () => {
    const hostname = `www.${zone}`;
    const bound = await bind(owner, hostname);
    expect(bound.userErrors).toEqual([]);
    const fqdn = bound.fqdn!;
    expect(fqdn.verification).toMatchObject({
      verified: false,
      recordName: `_hostplane-challenge.${hostname}`,
      recordValue: expect.stringMatching(/^hostplane-verify=[0-9a-f]{32}$/),
    });
    // Waiting: the step says what to publish, and the name is not routed.
    const waiting = await watchFqdn(owner.key, fqdn.id, ['PROVISIONING', 'ACTIVE', 'FAILED'], 3_000).catch(() => null);
    expect(waiting).toBeNull();
    const pending = (await admin().query(GetFqdnDocument, { id: fqdn.id })).fqdn;
    expect(pending.status).toBe('PENDING');
    const waitingStep = pending.events.find((e) => e.step === 'hostname verification');
    expect(waitingStep).toMatchObject({ stepState: 'STARTED' });
    expect(waitingStep?.message).toContain(`waiting for TXT ${fqdn.verification.recordName}`);
    await expectSite(hostname, 404, 'no site is bound to this host name');

    // A record with another token (someone else's challenge) proves nothing.
    await setTxt(zone, fqdn.verification.recordName!, ['hostplane-verify=0123456789abcdef0123456789abcdef']);
    const stillWaiting = await watchFqdn(owner.key, fqdn.id, ['ACTIVE', 'FAILED'], 3_000).catch(() => null);
    expect(stillWaiting).toBeNull();

    await setTxt(zone, fqdn.verification.recordName!, [fqdn.verification.recordValue!]);
    const watched = await watchFqdn(owner.key, fqdn.id, ['ACTIVE', 'FAILED'], withinTest(20_000));
    expect(watched.status).toBe('ACTIVE');
    const proof = (await admin().query(GetFqdnDocument, { id: fqdn.id })).fqdn.events.filter(
      (e) => e.step === 'hostname verification',
    );
    expect(proof.map((e) => e.stepState)).toContain('SUCCEEDED');
    expect((await admin().query(GetFqdnDocument, { id: fqdn.id })).fqdn.verification.verified).toBe(true);
    await expectSite(hostname, 200, 'owner');
  }, 60_000);

  it("a squatter's unproven claim never routes and never blocks the owner: the first proof wins", async () => {
    const hostname = `app.${zone}`;
    const squat = await bind(squatter, hostname);
    expect(squat.userErrors).toEqual([]);
    const claim = await bind(owner, hostname);
    expect(claim.userErrors).toEqual([]); // both wait side by side
    await setTxt(zone, claim.fqdn!.verification.recordName!, [claim.fqdn!.verification.recordValue!]);
    expect((await watchFqdn(owner.key, claim.fqdn!.id, ['ACTIVE', 'FAILED'], withinTest(20_000))).status).toBe(
      'ACTIVE',
    );
    await expectSite(hostname, 200, 'owner');
    // The squatter's claim ends FAILED (the name is proven for someone else) and routes nothing.
    const lost = await watchFqdn(squatter.key, squat.fqdn!.id, ['ACTIVE', 'FAILED'], withinTest(20_000));
    expect(lost.status).toBe('FAILED');
    expect((await admin().query(GetFqdnDocument, { id: squat.fqdn!.id })).fqdn.statusMessage).toContain(
      'bound to another webroot',
    );
    // Once proven, new claims are refused outright.
    expect((await bind(squatter, hostname)).userErrors.map((e) => e.code)).toEqual(['TAKEN']);
    await expectSite(hostname, 200, 'owner');
  }, 60_000);

  it('a claim still waiting can be given up (unbind from PENDING)', async () => {
    const claim = await bind(squatter, `gone.${zone}`);
    const { unbindFqdn } = await squatter.key.mutate(UnbindFqdnDocument, { input: { id: claim.fqdn!.id } });
    expect(unbindFqdn.userErrors).toEqual([]);
    expect((await watchFqdn(squatter.key, claim.fqdn!.id, ['DELETED', 'FAILED'], withinTest(20_000))).status).toBe(
      'DELETED',
    );
  }, 30_000);

  it("names under another brand's base hostname or reserved suffixes are refused; the brand's own tenants bind under its suffixes at once", async () => {
    // Reserving is the operator's: a brand-bound key may not, a platform administrator may.
    const brandKey = client(await createKey(['brands:read', 'brands:write'], [brandA.id]));
    await expect(
      brandKey.mutate(UpdateBrandDocument, { input: { id: brandA.id, reservedHostnameSuffixes: [reserved] } }),
    ).rejects.toThrow(/FORBIDDEN|platform administrators/);
    const { updateBrand } = await admin().mutate(UpdateBrandDocument, {
      input: { id: brandA.id, reservedHostnameSuffixes: [reserved.toUpperCase()] },
    });
    expect(updateBrand.brand?.reservedHostnameSuffixes).toEqual([reserved]);

    const refused = await bind(squatter, `www.${reserved}`);
    expect(refused.userErrors.map((e) => [e.code, e.field.join('.')])).toEqual([
      ['HOSTNAME_RESERVED', 'input.hostname'],
    ]);
    expect(refused.fqdn).toBeNull();
    const underBase = await bind(squatter, `www.${brandA.baseHostname}`);
    expect(underBase.userErrors.map((e) => e.code)).toEqual(['HOSTNAME_RESERVED']);

    // Another brand cannot reserve an overlapping name.
    const other = await createBrand();
    const overlap = await admin().mutate(UpdateBrandDocument, {
      input: { id: other.id, reservedHostnameSuffixes: [`deep.${reserved}`] },
    });
    expect(overlap.updateBrand.userErrors.map((e) => e.code)).toEqual(['TAKEN']);

    // The brand vouches for names under its own suffixes: no DNS proof asked.
    const vouched = await bind(owner, `shop.${reserved}`);
    expect(vouched.fqdn?.verification.verified).toBe(true);
    expect((await watchFqdn(owner.key, vouched.fqdn!.id, ['ACTIVE', 'FAILED'], withinTest(20_000))).status).toBe(
      'ACTIVE',
    );
    await expectSite(`shop.${reserved}`, 200, 'owner');
  }, 60_000);
});
