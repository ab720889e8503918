// The admin panel against the running platform: a tenant created in the UI goes PENDING →
// PROVISIONING → ACTIVE on screen without a reload; a failure arranged by SQL (the API would
// never write it) shows its reason, and the Retry button recovers it — all live.
import { ListTenantsDocument, GetTenantDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, withDatabase } from '../support/clients.js';
import { getPlatform } from '../harness/platform.js';
import { badgeHistory, recordBadge } from './support/badge-history.js';
import { logIn, screenshot, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

const LIVE_TIMEOUT = 45_000;

describe('admin panel: tenants, live', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let brand: { id: string; name: string };
  beforeAll(async () => {
    [panel, brand] = await Promise.all([startPanel('admin-tenant'), createBrand()]);
    page = await panel.newPage();
    await logIn(page, getPlatform().adminKey);
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('lands on the dashboard with counts, failures and audit entries', async () => {
    expect(new URL(page.url()).pathname).toBe('/admin');
    await expect(page.getByRole('heading', { name: 'Resources by status' }).isVisible()).resolves.toBe(true);
    await page.getByRole('heading', { name: 'Recent audit entries' }).waitFor();
    await page.getByText('createBrand').first().waitFor();
    await screenshot(page, 'dashboard');
  });

  it('creates a tenant and shows PENDING → PROVISIONING → ACTIVE without a reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tenants' }).click();
    await page.getByRole('link', { name: 'New tenant' }).click();
    await page.getByLabel('Brand').selectOption({ label: brand.name });
    // The node of this run (automatic placement could pick another test's shard, whose agent stops).
    await page.getByLabel('Web shard').selectOption({ label: 'local / local-web' });
    await page.getByLabel('Label').fill('UI live tenant');
    await recordBadge(page, 'Tenant status');
    await page.getByRole('button', { name: 'Create tenant' }).click();

    await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor({ timeout: LIVE_TIMEOUT });
    // Every status the badge showed, in lifecycle order, ending ACTIVE, with at least one state
    // before it shown live. On an idle machine that is PENDING → PROVISIONING → ACTIVE; under load
    // the worker can move on before the create answer is painted, and then the badge (rightly)
    // starts at PROVISIONING — never out of order. The progress view has every transition.
    const history = await badgeHistory(page);
    expect(history.at(-1)).toBe('ACTIVE');
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(['PENDING', 'PROVISIONING', 'ACTIVE'].filter((status) => history.includes(status))).toEqual(history);
    const progress = page.getByRole('list', { name: 'Progress' });
    for (const line of ['Created', 'Status PROVISIONING', 'linux user created', 'Status ACTIVE']) {
      await expect(progress.getByText(line, { exact: true }).isVisible(), line).resolves.toBe(true);
    }
    await screenshot(page, 'tenant-detail-live-progress');

    await page.getByRole('link', { name: 'Tenants', exact: true }).first().click();
    await page.getByRole('table', { name: 'Tenants' }).getByText('UI live tenant').waitFor();
    await screenshot(page, 'tenant-list');
  });

  it('shows a failure with its reason and retries it from the UI', async () => {
    const c = admin();
    const { tenants } = await c.query(ListTenantsDocument, { filter: { brandId: brand.id, search: 'UI live tenant' } });
    const tenant = tenants.edges[0]!.node;
    await page.goto(`/admin/tenants/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor();

    // Arrange what the API would never write: the record claims another UID (nobody's).
    await withDatabase((db) =>
      db.query(`UPDATE "Tenant" SET uid = 65534, status = 'FAILED', "lastOperation" = 'CREATE' WHERE name = $1`, [
        tenant.name,
      ]),
    );
    await page.reload();
    const failure = page.getByRole('alert', { name: 'Failure' });
    await failure.waitFor();
    await recordBadge(page, 'Tenant status');
    await failure.getByRole('button', { name: 'Retry' }).click();

    await failure.getByText(/uid|already/i).waitFor({ timeout: LIVE_TIMEOUT });
    await page.getByRole('status', { name: 'Tenant status: FAILED' }).waitFor();
    expect(await badgeHistory(page)).toEqual(expect.arrayContaining(['FAILED', 'PENDING']));
    await screenshot(page, 'tenant-failed');

    await withDatabase((db) => db.query(`UPDATE "Tenant" SET uid = $1 WHERE name = $2`, [tenant.uid, tenant.name]));
    await failure.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor({ timeout: LIVE_TIMEOUT });
    const history = await badgeHistory(page);
    expect(history.slice(-2)).toEqual(['PROVISIONING', 'ACTIVE']);
    await expect(failure.count()).resolves.toBe(0);
    expect((await c.query(GetTenantDocument, { id: tenant.id })).tenant.status).toBe('ACTIVE');
  });

  it('suspends with a reason and unsuspends, each behind a confirmation', async () => {
    await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor();
    await page.getByRole('button', { name: 'Suspend', exact: true }).click();
    const suspend = page.getByRole('dialog', { name: /^Suspend t_/ });
    await suspend.getByRole('button', { name: 'Suspend tenant' }).click(); // no reason yet
    await suspend.getByText(/reason must be/).waitFor();
    await expect(suspend.getByLabel('Reason').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByRole('status', { name: 'Tenant status: ACTIVE' }).isVisible()).resolves.toBe(true);

    await suspend.getByLabel('Reason').fill('unpaid invoice');
    await recordBadge(page, 'Tenant status');
    await suspend.getByRole('button', { name: 'Suspend tenant' }).click();
    await page.getByRole('status', { name: 'Tenant status: SUSPENDED' }).waitFor({ timeout: LIVE_TIMEOUT });
    await page.getByRole('tab', { name: 'Details' }).click();
    await page.getByText('unpaid invoice').waitFor();

    await page.getByRole('button', { name: 'Unsuspend' }).click();
    await page
      .getByRole('dialog', { name: /^Unsuspend t_/ })
      .getByRole('button', { name: 'Unsuspend tenant' })
      .click();
    await page.getByRole('status', { name: 'Tenant status: ACTIVE' }).waitFor({ timeout: LIVE_TIMEOUT });
    const history = await badgeHistory(page);
    expect(history[0]).toBe('ACTIVE');
    expect(history).toContain('SUSPENDED');
    expect(history.at(-1)).toBe('ACTIVE');
  });
});
