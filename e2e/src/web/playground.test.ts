// The self-hosted GraphiQL at /playground: a query and a subscription, sent with the logged-in
// key (the test never types it), the subscription receiving a live event.
import { print } from 'graphql';
import { TenantChangedDocument, UpdateTenantDocument, ViewerDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import { logIn, screenshot, startPanel, type Panel } from './support/panel.js';

describe('GraphQL playground', () => {
  let panel: Panel;
  let page: Page;
  beforeAll(async () => {
    panel = await startPanel('playground');
    page = await panel.newPage();
    await logIn(page, getPlatform().adminKey);
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  /** Opens the playground with an operation (its ?query= link) and runs it. */
  async function run(query: string, variables?: object): Promise<void> {
    const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
    await page.goto(`/playground?${params}`);
    await page.getByRole('button', { name: /^Execute query/ }).click();
  }

  const result = () => page.getByRole('region', { name: 'Result Window' });

  it('runs a query with the logged-in key', async () => {
    await run(print(ViewerDocument));
    await result().getByText('"isPlatformAdmin": true').waitFor();
    await expect(result().textContent()).resolves.toContain('bootstrap admin');
  });

  it('runs a subscription that receives an event', async () => {
    const c = admin();
    const tenant = await createTenant(c, (await createBrand()).id, 'Playground tenant');
    await run(print(TenantChangedDocument), { id: tenant.id });
    await page.getByRole('button', { name: /^Stop query/ }).waitFor(); // subscribed

    const { updateTenant } = await c.mutate(UpdateTenantDocument, { input: { id: tenant.id, displayName: 'Renamed in a test' } });
    expect(updateTenant.userErrors).toEqual([]);
    await result().getByText('"UPDATED"').waitFor({ timeout: 15_000 });
    await expect(result().textContent()).resolves.toContain(tenant.id);
    await screenshot(page, 'playground');
  });
});
