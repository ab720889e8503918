// Issue 12 in the panel: a webroot's host names show each FQDN's certificate (issuer, expiry)
// going live as it is issued; TLS settings save; an upload with a key of another certificate
// shows the error at the key's field and stores nothing.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchTenant } from '../support/watch.js';
import { pointHere } from '../support/dns.js';
import { bindActive, createActiveWebroot } from '../support/web.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';
import { certificateOf, fqdnTls } from './certificate-wait.js';
import { selfSignedFor } from './tls-client.js';

describe('certificates in the panel: each FQDN’s HTTPS under its webroot', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  const host = `panel-${randomUUID().slice(0, 8)}.example.test`;
  let fqdnId: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'TLS shop');
    const [started] = await Promise.all([startPanel('certificates'), watchTenant(admin(), tenant.id, ['ACTIVE'])]);
    panel = started;
    const webroot = await createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' });
    const key = await createKey(
      ['tenants:read', 'webroots:read', 'certificates:read', 'certificates:write'],
      [brand.id],
      tenant.id,
    );
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'TLS shop' }).waitFor();
    await page.getByRole('tab', { name: 'Webroots' }).click();
    // Bound while the page is open: the certificate appears and goes ACTIVE live.
    // Automatic TLS waits for the name's DNS to point here.
    await pointHere(host);
    fqdnId = (await bindActive(admin(), webroot.id, host)).id;
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('shows the certificate’s issuer and expiry once it is issued, live', async () => {
    const cert = await certificateOf(admin(), fqdnId);
    const shown = page.getByTestId(`certificate-${host}`);
    await shown.getByText(`issued by ${cert.issuer!}`).waitFor({ timeout: 30_000 });
    await shown.locator('[data-status="ACTIVE"]').waitFor();
    expect(await shown.locator('time').getAttribute('datetime')).toBe(cert.notAfter);
    await screenshot(page, 'fqdn-certificate');
  }, 60_000);

  it('saves redirect and HSTS, and refuses an upload with a key of another certificate at its field', async () => {
    const shown = page.getByTestId(`certificate-${host}`);
    await shown.getByRole('button', { name: 'TLS settings' }).click();
    const settings = page.getByRole('dialog', { name: `HTTPS of ${host}` });
    await settings.getByLabel('Redirect HTTP to HTTPS (301)').check();
    await settings.getByLabel('HSTS max-age (seconds)').fill('-5');
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => settings.getByLabel('HSTS max-age (seconds)').getAttribute('aria-invalid')).toBe('true');
    await settings.getByLabel('HSTS max-age (seconds)').fill('600');
    await settings.getByRole('button', { name: 'Save' }).click();
    await shown.getByText('HTTP redirects to HTTPS').waitFor({ timeout: 30_000 });
    expect(await fqdnTls(admin(), fqdnId)).toMatchObject({ httpsRedirect: true, hstsMaxAge: 600 });

    const before = (await certificateOf(admin(), fqdnId)).serial;
    const made = await selfSignedFor(host);
    await shown.getByRole('button', { name: 'Upload certificate' }).click();
    const upload = page.getByRole('dialog', { name: `A certificate of your own for ${host}` });
    await upload.getByLabel('Certificate', { exact: true }).fill(made.certificate);
    await upload.getByLabel('Private key').fill(made.otherKey);
    await upload.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => upload.getByLabel('Private key').getAttribute('aria-invalid')).toBe('true');
    await upload.getByText('does not match the certificate').waitFor();
    expect(await fqdnTls(admin(), fqdnId)).toMatchObject({
      tlsMode: 'AUTOMATIC',
      certificate: { serial: before, source: 'AUTOMATIC' },
    });
  }, 90_000);
});
