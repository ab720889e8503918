// The tenant panel: a tenant-bound key sees its own tenant only. Another tenant's URL is a
// not-found page (the API says NOT_FOUND, and the panel does not tell "missing" from "not
// yours"), the admin area sends it home, and a revoked key ends the open session at once with a clear page.
import { RevokeApiKeyDocument, ViewerDocument, createHostplaneClient } from '@hostplane/schema/sdk';
import WebSocket from 'ws';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { logIn, screenshot, screenshotOnFailure, sessionCookie, startPanel, type Panel } from './support/panel.js';

describe('tenant panel: only its own tenant', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let mine: { id: string; name: string };
  let other: { id: string; name: string };
  let tenantKey: string;
  beforeAll(async () => {
    const [started, brand] = await Promise.all([startPanel('tenant-area'), createBrand()]);
    panel = started;
    const c = admin();
    [mine, other] = await Promise.all([
      createTenant(c, brand.id, 'Tenant A shop'),
      createTenant(c, brand.id, 'Tenant B shop'),
    ]);
    tenantKey = await createKey(['tenants:read', 'databases:read', 'valkey:read'], [brand.id], mine.id);
    page = await panel.newPage();
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('logs a tenant key in to its own tenant, and shows nothing of others', async () => {
    await logIn(page, tenantKey);
    expect(new URL(page.url()).pathname).toBe(`/tenant/${encodeURIComponent(mine.id)}`);
    await page.getByRole('heading', { name: 'Tenant A shop' }).waitFor();
    await expect(page.getByText(mine.name).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText(other.name).count()).resolves.toBe(0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(['My account', 'Playground']);
    // Read scopes only: the tabs list, and offer nothing that writes.
    await page.getByRole('tab', { name: 'Databases' }).click();
    await page.getByText('No databases.').waitFor();
    await expect(page.getByRole('button', { name: 'New database' }).count()).resolves.toBe(0);
    await screenshot(page, 'tenant-area');
  });

  it("shows not-found for another tenant's page and keeps the key out of the admin area", async () => {
    await page.goto(`/tenant/${encodeURIComponent(other.id)}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await expect(page.getByText('Tenant B shop').count()).resolves.toBe(0);
    await expect(page.getByText(other.name).count()).resolves.toBe(0);

    await page.goto(`/admin/tenants/${encodeURIComponent(other.id)}`);
    await page.waitForURL(`**/tenant/${encodeURIComponent(mine.id)}`);
    await page.getByRole('heading', { name: 'Tenant A shop' }).waitFor();
  });

  it('ends the open session with a clear page as soon as the key is revoked, without a reload', async () => {
    const { apiUrl, wsUrl } = getPlatform();
    const self = createHostplaneClient({ url: apiUrl, wsUrl, apiKey: tenantKey, webSocketImpl: WebSocket });
    const { viewer } = await self.query(ViewerDocument, {});
    await self.close();
    const { revokeApiKey } = await admin().mutate(RevokeApiKeyDocument, { input: { id: viewer.apiKeyId } });
    expect(revokeApiKey.userErrors).toEqual([]);

    // The page's live subscription socket is closed by the API (4403): the panel ends the session.
    await page.waitForURL('**/session-ended', { timeout: 10_000 });
    await page.getByRole('heading', { name: 'Your session has ended' }).waitFor();
    await expect(page.getByText(/revoked/).isVisible()).resolves.toBe(true);
    await expect(sessionCookie(page)).resolves.toBeUndefined();
  });
});
