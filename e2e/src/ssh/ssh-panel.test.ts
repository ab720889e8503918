// Issue 11: the tenant's SSH keys tab in the panel, with a tenant-bound key: a bad key shows at its
// field and creates nothing; a good one goes live to ACTIVE with its fingerprint, and the tab then
// shows where to log in and the node's host key fingerprints; delete sits behind a confirmation.
import { ListTenantSshKeysDocument } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from '../web/support/panel.js';
import { keyPair } from './ssh-client.js';

describe('SSH keys in the panel: a tenant’s SSH keys tab', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let tenantId: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'SSH shop');
    tenantId = tenant.id;
    [panel] = await Promise.all([startPanel('ssh-keys'), watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])]);
    const key = await createKey(['tenants:read', 'ssh_keys:read', 'ssh_keys:write'], [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'SSH shop' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('adds a key live to ACTIVE with its fingerprint, shows the login and host keys, deletes it', async () => {
    const listed = async () => (await admin().query(ListTenantSshKeysDocument, { tenantId })).tenant;
    await page.getByRole('tab', { name: 'SSH keys' }).click();
    await page.getByText('No SSH keys').waitFor();
    await page.getByRole('button', { name: 'Add key' }).click();
    const form = page.getByRole('dialog', { name: 'Add an SSH key' });
    await form.getByLabel('Name').fill('laptop');
    await form.getByLabel('Public key').fill('command="/bin/sh" ssh-ed25519 AAAA');
    await form.getByRole('button', { name: 'Add key' }).click();
    await expect.poll(() => form.getByLabel('Public key').getAttribute('aria-invalid')).toBe('true');
    expect((await listed()).sshKeys.totalCount).toBe(0);

    const key = await keyPair();
    await form.getByLabel('Public key').fill(key.publicKey);
    await form.getByRole('button', { name: 'Add key' }).click();
    const row = page.getByRole('table', { name: 'SSH keys' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: 25_000 });
    const tenant = await listed();
    const [added] = tenant.sshKeys.edges;
    await row.getByText(added!.node.fingerprint).waitFor();
    // The login line and the host keys come with the first synced key (a reload of the tab's query).
    await page.reload();
    await page.getByRole('tab', { name: 'SSH keys' }).click();
    const endpoint = tenant.sshEndpoints[0]!;
    await page.getByText(`ssh -p ${endpoint.port} ${endpoint.username}@${endpoint.address}`).waitFor();
    for (const hostKey of endpoint.hostKeys) await page.getByText(hostKey.fingerprint).waitFor();
    await screenshot(page, 'tenant-ssh-keys');

    await page
      .getByRole('table', { name: 'SSH keys' })
      .getByRole('button', { name: 'Delete key laptop', exact: true })
      .click();
    await page
      .getByRole('dialog', { name: 'Delete the SSH key laptop?' })
      .getByRole('button', { name: 'Delete key' })
      .click();
    await page.getByText('No SSH keys').waitFor({ timeout: 25_000 });
    expect((await listed()).sshKeys.totalCount).toBe(0);
  }, 90_000);
});
