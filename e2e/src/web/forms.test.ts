// Forms: the API's userErrors appear next to the field at fault and nothing is created; a new
// API key's secret is shown once; logging out removes the key from the browser.
import { randomUUID } from 'node:crypto';
import { createHostplaneClient, ListTenantsDocument, ViewerDocument } from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, withDatabase } from '../support/clients.js';
import { logIn, screenshot, screenshotOnFailure, sessionCookie, startPanel, type Panel } from './support/panel.js';

describe('forms show userErrors at their fields', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
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
    const host = `${randomUUID().slice(0, 8)}.forms.test`;
    await page.goto('/admin/brands/new');
    await page.getByLabel('Name', { exact: true }).fill('Not A Valid Name!');
    await page.getByLabel('Base hostname').fill(host);
    await page.getByLabel('Hostmaster e-mail').fill(`hostmaster@${host}`);
    await page.getByLabel('Name servers').fill(`ns1.${host}, ns2.${host}`);
    await page.getByRole('button', { name: 'Create brand' }).click();

    const name = page.getByLabel('Name', { exact: true });
    await page.locator('.field-invalid').first().waitFor();
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Base hostname').getAttribute('aria-invalid')).resolves.toBe('false');
    expect(new URL(page.url()).pathname).toBe('/admin/brands/new');
    const { rows } = await withDatabase((db) =>
      db.query('SELECT count(*)::int AS n FROM "Brand" WHERE "baseHostname" = $1', [host]),
    );
    expect(rows[0].n).toBe(0);
  });

  it('creates an API key and shows its secret once', async () => {
    await page.goto('/admin/api-keys/new');
    await page.getByLabel('Name', { exact: true }).fill('key made in the panel');
    await page.getByLabel('Scopes').fill('tenants:read');
    await page.getByLabel('Brands').fill(brand.id);
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = await page.getByRole('textbox', { name: 'Your new API key' }).inputValue();
    expect(secret).toMatch(/^hp_/);
    const { apiUrl, wsUrl } = getPlatform();
    const made = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: secret, webSocketImpl: WebSocket });
    expect((await made.query(ViewerDocument, {})).viewer).toMatchObject({
      name: 'key made in the panel',
      scopes: ['tenants:read'],
    });
    await made.close();

    await page.getByRole('link', { name: 'Done' }).click();
    await page.getByRole('table', { name: 'API keys' }).getByText('key made in the panel').waitFor();
    await expect(page.getByText(secret).count()).resolves.toBe(0);
    await expect(page.locator(`[value="${secret}"]`).count()).resolves.toBe(0);
  });

  it('logs out: the key leaves the browser and pages ask for a login again', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await expect(sessionCookie(page)).resolves.toBeUndefined();
    await page.goto('/admin/tenants');
    await page.waitForURL('**/login?next=%2Fadmin%2Ftenants');
  });
});
