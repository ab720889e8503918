// Issue 12: the tenant's DNS tab in the panel, with a tenant-bound key: a zone that is not a
// domain shows at its field and creates nothing; a good one goes live to ACTIVE; its records
// open below it, a bad record shows at its field, a good one goes live to ACTIVE and answers, and
// delete sits behind a confirmation.
import { randomUUID } from 'node:crypto';
import { ListTenantDnsZonesDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';
import { lookup, lookupUntil } from './resolver.js';

describe('DNS in the panel: a tenant’s DNS tab', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let tenantId: string;
  const zone = `panel-${randomUUID().slice(0, 8)}.example`;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'DNS shop');
    tenantId = tenant.id;
    [panel] = await Promise.all([startPanel('dns'), watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])]);
    const key = await createKey(['tenants:read', 'dns:read', 'dns:write'], [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'DNS shop' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('adds a zone and a record live to ACTIVE, field errors in place, and deletes the record', async () => {
    const zones = async () => (await admin().query(ListTenantDnsZonesDocument, { tenantId })).tenant.dnsZones;
    await page.getByRole('tab', { name: 'DNS' }).click();
    await page.getByText('No DNS zones hosted here.').waitFor();
    await page.getByRole('button', { name: 'Add zone' }).click();
    const zoneForm = page.getByRole('dialog', { name: 'Host a DNS zone' });
    await zoneForm.getByLabel('Domain').fill('localhost');
    await zoneForm.getByRole('button', { name: 'Add zone' }).click();
    await expect.poll(() => zoneForm.getByLabel('Domain').getAttribute('aria-invalid')).toBe('true');
    expect((await zones()).totalCount).toBe(0);
    await zoneForm.getByLabel('Domain').fill(zone);
    await zoneForm.getByRole('button', { name: 'Add zone' }).click();
    const zoneRow = page.getByRole('table', { name: 'DNS zones' }).getByRole('row').nth(1);
    await zoneRow.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });

    await zoneRow.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('button', { name: 'Add record' }).click();
    const recordForm = page.getByRole('dialog', { name: `Add a record to ${zone}` });
    await recordForm.getByLabel('Name').fill('www');
    await recordForm.getByLabel('IPv4 address').fill('300.0.0.1');
    await recordForm.getByRole('button', { name: 'Add record' }).click();
    await expect.poll(() => recordForm.getByLabel('IPv4 address').getAttribute('aria-invalid')).toBe('true');
    await recordForm.getByLabel('IPv4 address').fill('192.0.2.21');
    await recordForm.getByRole('button', { name: 'Add record' }).click();
    const records = page.getByRole('table', { name: `Records of ${zone}` });
    const recordRow = records.getByRole('row').filter({ hasText: `www.${zone} A` });
    await recordRow.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    expect(await lookup(`www.${zone}`, 'A')).toEqual(['192.0.2.21']);
    await screenshot(page, 'tenant-dns');

    await recordRow.getByRole('button', { name: `Delete record www.${zone} A`, exact: true }).click();
    await page
      .getByRole('dialog', { name: `Delete the record www.${zone} A?` })
      .getByRole('button', { name: 'Delete record' })
      .click();
    await expect
      .poll(
        () =>
          records
            .getByRole('row')
            .filter({ hasText: `www.${zone} A` })
            .count(),
        { timeout: 25_000 },
      )
      .toBe(0);
    expect((await lookupUntil(`www.${zone}`, 'A', (v) => v.length === 0, 2_000)).values).toEqual([]);
  }, 120_000);
});
