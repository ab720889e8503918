// The tenant panel's webroot Environment dialog: a secret set from the UI is listed by name and
// fingerprint only (its value is never on the page, in the URL or in the browser's storage), a
// plain variable shows its value, a reserved name is refused in the dialog and sets nothing.
import { randomBytes } from 'node:crypto';
import { GetWebrootEnvDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { expectActive } from '../support/data-stores.js';
import { createActiveWebroot, watchWebroot } from '../support/web.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';

describe('tenant panel: a webroot’s environment', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let webroot: { id: string; name: string };
  const secret = `panel-secret-${randomBytes(10).toString('hex')}`;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'Env shop');
    await expectActive(admin(), tenant.id);
    [panel, webroot] = await Promise.all([
      startPanel('webroot-env'),
      createActiveWebroot(admin(), { tenantId: tenant.id, runtime: 'STATIC' }),
    ]);
    const key = await createKey(['tenants:read', 'webroots:*'], [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Env shop' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('sets a secret and a variable from the dialog; the secret’s value never reaches the page', async () => {
    await page.getByRole('tab', { name: 'Webroots' }).click();
    await page.getByRole('button', { name: `Environment of ${webroot.name}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Environment of ${webroot.name}` });
    await dialog.getByText('No variables.').waitFor();

    await dialog.getByLabel('Name').fill('API_TOKEN');
    await dialog.getByLabel('Value').fill(secret);
    await dialog.getByRole('button', { name: 'Set variable' }).click();
    const list = dialog.getByRole('list', { name: 'Environment' });
    await list.getByText(/secret · fingerprint/).waitFor();
    // One rollout at a time: the next change waits until this one is ACTIVE (else INVALID_STATE).
    expect((await watchWebroot(admin(), webroot.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');

    await dialog.getByLabel('Name').fill('PATH');
    await dialog.getByLabel('Value').fill('/tmp');
    await dialog.getByRole('button', { name: 'Set variable' }).click();
    await dialog.getByText(/PATH is reserved by the platform/).waitFor();

    await dialog.getByLabel('Name').fill('GREETING');
    await dialog.getByLabel('Value').fill('hello panel');
    await dialog.getByRole('checkbox').uncheck();
    await dialog.getByRole('button', { name: 'Set variable' }).click();
    await list.getByText('hello panel').waitFor();
    await screenshot(page, 'webroot-environment');

    const { webroot: stored } = await admin().query(GetWebrootEnvDocument, { id: webroot.id });
    expect(stored.env.map((v) => [v.name, v.secret, v.value])).toEqual([
      ['API_TOKEN', true, null],
      ['GREETING', false, 'hello panel'],
    ]);
    expect(await page.content()).not.toContain(secret);
    expect(page.url()).not.toContain(secret);
    // Both storages, spread into plain objects (their keys are the entries).
    const storage = await page.evaluate(() => {
      const g = globalThis as unknown as Record<'localStorage' | 'sessionStorage', object>;
      return JSON.stringify([{ ...g.localStorage }, { ...g.sessionStorage }]);
    });
    expect(storage).not.toContain(secret);
  }, 120_000);
});
