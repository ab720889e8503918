// The panel's side of plans: an admin creates a plan on its page (limits typed, empty =
// unlimited), and a tenant's overview shows its usage against that plan's limits, in the
// tenant's own panel too.
import { UpdateTenantDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { logIn, screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';

describe('panel: plans and usage', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let brand: { id: string; name: string };
  let tenant: { id: string; name: string };

  beforeAll(async () => {
    const [started, created] = await Promise.all([startPanel('plans'), createBrand()]);
    panel = started;
    brand = created;
    tenant = await createTenant(admin(), brand.id, 'Planned shop');
    page = await panel.newPage();
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('lets an admin create a plan on the Plans page, refusing a bad limit next to its field', async () => {
    await logIn(page, getPlatform().adminKey);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Plans' }).click();
    await page.getByRole('link', { name: 'New plan' }).click();
    await page.getByLabel('Brand').selectOption({ label: brand.name });
    await page.getByLabel('Name', { exact: true }).fill('Small');
    await page.getByLabel('Webroots').fill('-1');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByText('maxWebroots must be a whole number').waitFor();
    await page.getByLabel('Webroots').fill('1');
    await page.getByLabel('Databases', { exact: true }).fill('2');
    await page.getByLabel('Mailboxes').fill('5');
    await page.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { name: 'Small' }).waitFor();
    await expect(page.getByLabel('Webroots').inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('FQDNs').inputValue()).resolves.toBe('');
    await expect(page.getByLabel('Mailboxes').inputValue()).resolves.toBe('5');
    await expect(page.getByLabel('Mail domains').inputValue()).resolves.toBe('');
    await screenshot(page, 'plan-detail');
  });

  it('shows the tenant its usage against the plan on its overview', async () => {
    // The plan the admin just made, found by the API, and put on the tenant.
    await page.goto(`/admin/tenants/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Planned shop' }).waitFor();
    await page.getByLabel('Plan', { exact: true }).selectOption({ label: 'Small' });
    await page.getByRole('button', { name: 'Save plan' }).click();
    await page.getByLabel('Webroots: 0 of 1').waitFor();

    const own = await panel.newPage();
    const key = await createKey(['tenants:read'], [brand.id], tenant.id);
    await logIn(own, key);
    await own.getByRole('heading', { name: 'Usage' }).waitFor();
    await own.getByLabel('Webroots: 0 of 1').waitFor();
    await own.getByLabel('Databases: 0 of 2').waitFor();
    await own.getByLabel('FQDNs: 0 of unlimited').waitFor();
    await own.getByLabel('Mailboxes: 0 of 5').waitFor();
    // Without plans:read the tenant sees no plan picker, only the numbers.
    await expect(own.getByRole('button', { name: 'Save plan' }).count()).resolves.toBe(0);
    await screenshot(own, 'tenant-usage');
    await own.close();
    // An update naming neither field keeps the label (the plan change above kept it too).
    const { updateTenant } = await admin().mutate(UpdateTenantDocument, { input: { id: tenant.id } });
    expect(updateTenant.tenant?.displayName).toBe('Planned shop');
  });
});
