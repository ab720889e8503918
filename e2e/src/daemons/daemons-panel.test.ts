// Issue 11: a webroot's Daemons dialog in the panel, with a tenant-bound key: a bad name shows at
// its field and creates nothing; a good daemon goes live to ACTIVE; its log shows what it printed;
// Stop and Start follow; delete sits behind a confirmation.
import { ListWebrootDaemonsDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { createActiveWebroot } from '../support/web.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';

describe('daemons in the panel: a webroot’s Daemons dialog', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let webroot: { id: string; name: string };

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'Daemon shop');
    await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED']);
    [panel, webroot] = await Promise.all([
      startPanel('daemons'),
      createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' }),
    ]);
    const key = await createKey(['tenants:read', 'webroots:*', 'daemons:*'], [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Daemon shop' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('adds a daemon live to ACTIVE, shows its log, stops and starts it, deletes it', async () => {
    const listed = async () => (await admin().query(ListWebrootDaemonsDocument, { webrootId: webroot.id })).webroot;
    await page.getByRole('tab', { name: 'Webroots' }).click();
    await page.getByRole('button', { name: `Daemons of ${webroot.name}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Daemons of ${webroot.name}` });
    await dialog.getByText('No daemons.').waitFor();

    await dialog.getByRole('button', { name: 'New daemon' }).click();
    const form = page.getByRole('dialog', { name: 'New daemon' });
    await form.getByLabel('Name').fill('Bad_Name');
    await form.getByLabel('Command').fill('/bin/sh\n-c\necho hello-from-daemon; exec sleep 1000');
    await form.getByRole('button', { name: 'Add daemon' }).click();
    await expect.poll(() => form.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect((await listed()).daemons.totalCount).toBe(0);

    await form.getByLabel('Name').fill('ticker');
    await form.getByRole('button', { name: 'Add daemon' }).click();
    const row = dialog.getByRole('table', { name: 'Daemons' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    await row.getByText('/bin/sh -c echo hello-from-daemon; exec sleep 1000').waitFor();

    await row.getByRole('button', { name: 'Log of ticker', exact: true }).click();
    const log = page.getByRole('dialog', { name: 'Log of ticker' });
    await expect
      .poll(
        async () => {
          await log.getByRole('button', { name: 'Refresh' }).click();
          return log.getByText('hello-from-daemon').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await screenshot(page, 'webroot-daemon-log');
    await log.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: 'Stop ticker', exact: true }).click();
    await row.getByRole('button', { name: 'Start ticker', exact: true }).waitFor({ timeout: 25_000 });
    expect((await listed()).daemons.edges[0]!.node.enabled).toBe(false);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    await screenshot(page, 'webroot-daemons');

    await row.getByRole('button', { name: 'Delete ticker', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Delete daemon ticker?' })
      .getByRole('button', { name: 'Delete daemon' })
      .click();
    await dialog.getByText('No daemons.').waitFor({ timeout: 25_000 });
    expect((await listed()).daemons.totalCount).toBe(0);
  }, 120_000);
});
