// The self-hosted GraphiQL at /playground: a query and a subscription, sent with the logged-in
// key (the test never types it), the subscription receiving a live event.
import { print } from 'graphql';
import { TenantChangedDocument, UpdateTenantDocument, ViewerDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
import { admin, closeClients, createBrand, createTenant } from '../support/clients.js';
import type { InPage } from './support/badge-history.js';
import { logIn, screenshot, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

describe('GraphQL playground', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  beforeAll(async () => {
    panel = await startPanel('playground');
    page = await panel.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await logIn(page, getPlatform().adminKey);
  });
  /** Every URL the page asked for: the playground is self-hosted, nothing may come from elsewhere. */
  const requested: string[] = [];
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  const result = () => page.getByRole('region', { name: 'Result Window' });
  /** The result editor's text without whitespace (Monaco wraps long lines and uses nbsp). */
  const resultText = async () => ((await result().textContent()) ?? '').replace(/\s+/g, '');

  /**
   * Opens the playground with an operation (its ?query= link) and runs it, once the editor shows
   * it. Until Monaco has loaded the operation, GraphiQL's run button does nothing: on a busy
   * machine the first click can come too early, so it is clicked again until `started` holds.
   */
  async function run(query: string, variables: object | undefined, started: () => Promise<boolean>): Promise<void> {
    const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
    await page.goto(`/playground?${params}`);
    const firstField = /\{\s*(\w+)/.exec(query)![1]!;
    await page.waitForFunction(
      (field) =>
        (globalThis as unknown as InPage).document
          .querySelector('.graphiql-query-editor')
          ?.textContent?.includes(field) ?? false,
      firstField,
    );
    for (let attempt = 0; attempt < 5 && !(await started()); attempt++) {
      await page.getByRole('button', { name: /^Execute query/ }).click();
      await page.waitForTimeout(200 * (attempt + 1));
    }
  }

  it('runs a query with the logged-in key', async () => {
    await run(print(ViewerDocument), undefined, async () => (await resultText()).includes('"data"'));
    await result().getByText('"isPlatformAdmin": true').waitFor();
    await expect(resultText()).resolves.toContain('"name":"bootstrapadmin"');
  });

  it('runs a subscription that receives an event', async () => {
    const c = admin();
    const tenant = await createTenant(c, (await createBrand()).id, 'Playground tenant');
    const stop = page.getByRole('button', { name: /^Stop query/ });
    await run(print(TenantChangedDocument), { id: tenant.id }, () => stop.isVisible());
    await stop.waitFor(); // subscribed

    const { updateTenant } = await c.mutate(UpdateTenantDocument, {
      input: { id: tenant.id, displayName: 'Renamed in a test' },
    });
    expect(updateTenant.userErrors).toEqual([]);
    await result().getByText('"UPDATED"').waitFor({ timeout: 15_000 });
    await expect(resultText()).resolves.toContain(`"resourceId":"${tenant.id}"`);
    await screenshot(page, 'playground');
  });

  it('loads nothing from another origin (no CDN)', () => {
    const elsewhere = requested.filter((url) => !url.startsWith(`${panel.url}/`) && !/^(data|blob):/.test(url));
    expect(requested.length).toBeGreaterThan(10);
    expect(elsewhere).toEqual([]);
  });
});
