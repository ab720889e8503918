// Issue 12: a brand's own DNS zones on its page in the panel, with the brand's admin key: a name
// outside the brand's host names shows at its field and creates nothing; one under its base
// hostname goes live to ACTIVE, and a record added below it answers.
import { randomUUID } from 'node:crypto';
import { ListBrandDnsZonesDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey } from '../support/clients.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';
import { lookup } from './resolver.js';

describe('DNS in the panel: a brand’s own zones', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let brand: { id: string; name: string; baseHostname: string };

  beforeAll(async () => {
    brand = await createBrand();
    panel = await startPanel('brand-dns');
    page = await panel.newPage({ apiKey: await createKey(['*'], [brand.id]) });
    await page.goto(`/admin/brands/${encodeURIComponent(brand.id)}`);
    await page.getByRole('heading', { name: brand.name }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('adds a zone under the brand’s base hostname live to ACTIVE, a foreign name refused at its field', async () => {
    const zone = `panel-${randomUUID().slice(0, 8)}.${brand.baseHostname}`;
    const zones = async () => (await admin().query(ListBrandDnsZonesDocument, { brandId: brand.id })).brand.dnsZones;
    const section = page.getByRole('region', { name: 'DNS zones of the brand' });
    await section.getByText('No DNS zones hosted here.').waitFor();
    await section.getByRole('button', { name: 'Add zone' }).click();
    const zoneForm = page.getByRole('dialog', { name: 'Host a DNS zone' });
    await zoneForm.getByLabel('Domain').fill(`not-the-brands-${randomUUID().slice(0, 8)}.example`);
    await zoneForm.getByRole('button', { name: 'Add zone' }).click();
    await expect.poll(() => zoneForm.getByLabel('Domain').getAttribute('aria-invalid')).toBe('true');
    expect((await zones()).totalCount).toBe(0);
    await zoneForm.getByLabel('Domain').fill(zone);
    await zoneForm.getByRole('button', { name: 'Add zone' }).click();
    const zoneRow = section.getByRole('table', { name: 'DNS zones' }).getByRole('row').nth(1);
    await zoneRow.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });

    await zoneRow.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('button', { name: 'Add record' }).click();
    const recordForm = page.getByRole('dialog', { name: `Add a record to ${zone}` });
    await recordForm.getByLabel('Name').fill('www');
    await recordForm.getByLabel('IPv4 address').fill('192.0.2.31');
    await recordForm.getByRole('button', { name: 'Add record' }).click();
    const records = page.getByRole('table', { name: `Records of ${zone}` });
    const recordRow = records.getByRole('row').filter({ hasText: `www.${zone} A` });
    await recordRow.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    expect(await lookup(`www.${zone}`, 'A')).toEqual(['192.0.2.31']);
    await screenshot(page, 'brand-dns');
  }, 120_000);
});
