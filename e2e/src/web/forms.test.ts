// Invalid input: the API's userErrors appear next to the field at fault, and nothing is created.
import { ListBrandsDocument, ListTenantsDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand } from '../support/clients.js';
import { logIn, screenshot, startPanel, type Panel } from './support/panel.js';

describe('forms show userErrors at their fields', () => {
  let panel: Panel;
  let page: Page;
  let brand: { id: string; name: string };
  beforeAll(async () => {
    [panel, brand] = await Promise.all([startPanel('forms'), createBrand()]);
    page = await panel.newPage();
    await logIn(page, getPlatform().adminKey);
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('refuses a tenant label over 100 characters next to the Label field, creating nothing', async () => {
    await page.goto('/admin/tenants/new');
    await page.getByLabel('Brand').selectOption({ label: brand.name });
    await page.getByLabel('Label').fill('x'.repeat(101));
    await page.getByRole('button', { name: 'Create tenant' }).click();

    const label = page.getByLabel('Label');
    await page.getByText('displayName must be at most 100 characters.').waitFor();
    await expect(label.getAttribute('aria-invalid')).resolves.toBe('true');
    // The error is the field's description: read out with it.
    const describedBy = (await label.getAttribute('aria-describedby'))!.split(' ');
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions).toContain('displayName must be at most 100 characters.');
    expect(new URL(page.url()).pathname).toBe('/admin/tenants/new');
    await screenshot(page, 'form-error');

    const { tenants } = await admin().query(ListTenantsDocument, { filter: { brandId: brand.id } });
    expect(tenants.totalCount).toBe(0);
  });

  it('refuses a malformed brand name next to the Name field, creating nothing', async () => {
    const before = (await admin().query(ListBrandsDocument, { first: 100 })).brands.totalCount;
    await page.goto('/admin/brands/new');
    await page.getByLabel('Name', { exact: true }).fill('Not A Valid Name!');
    await page.getByLabel('Base hostname').fill('valid.example.com');
    await page.getByLabel('Hostmaster e-mail').fill('hostmaster@valid.example.com');
    await page.getByLabel('Name servers').fill('ns1.valid.example.com, ns2.valid.example.com');
    await page.getByRole('button', { name: 'Create brand' }).click();

    const name = page.getByLabel('Name', { exact: true });
    await page.locator('.field-invalid').first().waitFor();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Base hostname').getAttribute('aria-invalid')).resolves.toBe('false');
    expect(new URL(page.url()).pathname).toBe('/admin/brands/new');
    expect((await admin().query(ListBrandsDocument, { first: 100 })).brands.totalCount).toBe(before);
  });
});
