// The tenant panel manages what the tenant owns: with a tenant-bound key holding webroots:*,
// databases:* and valkey:*, a webroot, a host name, a database and its user, a Valkey instance and
// its user are created from the UI and go live to ACTIVE without a reload; a refused user name shows at its field and creates nothing;
// the user's privileges, the database's access rules and the instance's memory limit are edited from
// the UI (a refused CIDR shows at its field and creates nothing); the database is deleted behind a
// confirmation and leaves the list. The user's password never
// appears on the page, in the URL or in the browser's storage.
import { randomUUID } from 'node:crypto';
import {
  GetDatabaseDocument,
  GetValkeyInstanceDocument,
  GetWebrootDocument,
  ListDatabasesDocument,
  ListValkeyInstancesDocument,
  ListWebrootsDocument,
} from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { createZone, setTxt } from '../support/dns.js';
import { expectActive, strongPassword } from '../support/data-stores.js';
import { grantsOf, mariadbAt } from '../support/mariadb.js';
import { disconnectAll, liveMemoryLimit } from '../valkey/valkey-client.js';
import { badgeHistory, recordBadgeAt } from './support/badge-history.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

const LIVE_TIMEOUT = 25_000;
const LIFECYCLE = ['PENDING', 'PROVISIONING', 'ACTIVE'];

/**
 * A create shown live: in lifecycle order, PROVISIONING (the agent at work, never skipped by the
 * worker) then ACTIVE. PENDING may be gone before the create answer is painted under load; a
 * panel that polled or reloaded after the fact would show ACTIVE alone.
 */
function expectLiveToActive(history: string[]): void {
  expect(LIFECYCLE.filter((status) => history.includes(status))).toEqual(history);
  expect(history.slice(-2)).toEqual(['PROVISIONING', 'ACTIVE']);
}

/** A change of an ACTIVE resource shown live: it left ACTIVE (PENDING, PROVISIONING) and came back. */
function expectLiveBackToActive(history: string[]): void {
  expect(history[0]).toBe('ACTIVE');
  expect(history.at(-1)).toBe('ACTIVE');
  const between = history.slice(1, -1);
  expect(between.length).toBeGreaterThan(0);
  expect(LIFECYCLE.filter((status) => between.includes(status))).toEqual(between);
}

describe('tenant panel: managing webroots and databases', () => {
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let tenant: { id: string; name: string };
  const hostname = `shop-${randomUUID().slice(0, 8)}.resources.test`;
  const password = strongPassword();
  let database: { id: string; name: string };

  beforeAll(async () => {
    const brand = await createBrand();
    const c = admin();
    const ready = createTenant(c, brand.id, 'Resources shop').then(async (created) => {
      await expectActive(c, created.id);
      return created;
    });
    [panel, tenant] = await Promise.all([startPanel('tenant-resources'), ready]);
    const scopes = ['tenants:read', 'webroots:*', 'databases:*', 'valkey:*'];
    const key = await createKey(scopes, [brand.id], tenant.id);
    page = await panel.newPage({ apiKey: key });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Resources shop' }).waitFor();
  });
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  it('creates a static webroot from the UI; its badge goes live to ACTIVE', async () => {
    await page.getByRole('tab', { name: 'Webroots' }).click();
    await page.getByText('No webroots.').waitFor();
    await recordBadgeAt(page, 'table[aria-label="Webroots"] td.status [data-status]');
    await page.getByRole('button', { name: 'New webroot' }).click();
    const form = page.getByRole('dialog', { name: 'New webroot' });
    // The versions are a choice among those the tenant's shard reports (the local node: PHP 8.2).
    await form.getByLabel('Runtime', { exact: true }).selectOption('PHP');
    await expect
      .poll(() => form.getByLabel('Runtime version').locator('option').allTextContents())
      .toEqual(['8.2 (default)']);
    await form.getByLabel('Runtime', { exact: true }).selectOption('STATIC');
    await expect(form.getByLabel('Runtime version').count()).resolves.toBe(0); // none for static files
    await form.getByRole('button', { name: 'Create webroot' }).click();

    const row = page.getByRole('table', { name: 'Webroots' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveToActive(await badgeHistory(page));
    await expect(form.isVisible()).resolves.toBe(false);
  });

  it('binds a host name to the webroot, says which TXT record proves it, and shows it go ACTIVE once published', async () => {
    const row = page.getByRole('table', { name: 'Webroots' }).getByRole('row').nth(1);
    const webrootName = (await row.locator('td code').first().textContent())!;
    await row.getByRole('button', { name: `Add host name to ${webrootName}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `Add a host name to ${webrootName}` });
    await form.getByLabel('Host name', { exact: true }).fill(hostname);
    await form.getByRole('button', { name: 'Add host name', exact: true }).click();

    // A tenant's own key: the name routes only once its DNS shows the challenge the panel names.
    const item = row.getByRole('listitem').filter({ hasText: hostname });
    const hint = item.getByTestId('fqdn-verification');
    await hint.waitFor({ timeout: LIVE_TIMEOUT });
    const [recordName, recordValue] = await hint.locator('code').allTextContents();
    expect(recordName).toBe(`_hostplane-challenge.${hostname}`);
    await expect(item.locator('[data-status="PENDING"]').isVisible()).resolves.toBe(true);
    await createZone(hostname);
    await setTxt(hostname, recordName!, [recordValue!]);
    await item.locator('[data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    await expect(hint.count()).resolves.toBe(0);
    await expect(item.getByRole('button', { name: `Unbind ${hostname}`, exact: true }).isVisible()).resolves.toBe(true);
    await screenshot(page, 'tenant-webroots');

    const { webroots } = await admin().query(ListWebrootsDocument, { filter: { tenantId: tenant.id } });
    const { webroot } = await admin().query(GetWebrootDocument, { id: webroots.edges[0]!.node.id });
    expect(webroot.fqdns.map((f) => [f.hostname, f.status])).toEqual([[hostname, 'ACTIVE']]);
  });

  it('creates a database and a user, both live to ACTIVE, and never shows the password', async () => {
    await page.getByRole('tab', { name: 'Databases' }).click();
    await page.getByText('No databases.').waitFor();
    await recordBadgeAt(page, 'table[aria-label="Databases"] td.status [data-status]');
    await page.getByRole('button', { name: 'New database' }).click();
    await page.getByRole('dialog', { name: 'New database' }).getByRole('button', { name: 'Create database' }).click();

    const row = page.getByRole('table', { name: 'Databases' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveToActive(await badgeHistory(page));
    const { databases } = await admin().query(ListDatabasesDocument, { filter: { tenantId: tenant.id } });
    database = databases.edges[0]!.node;
    await expect(row.locator('td code').first().textContent()).resolves.toBe(database.name);

    await row.getByRole('button', { name: `New user of ${database.name}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `New user of ${database.name}` });
    const userName = form.getByLabel('User name');
    await expect(userName.inputValue()).resolves.toBe(`${database.name}_`); // the prefix the API requires
    await userName.fill(`${database.name}_app`);
    await form.getByLabel('Password').fill(password);
    await expect(form.getByLabel('Privileges').inputValue()).resolves.toBe('ALL');
    await recordBadgeAt(page, `ul[aria-label="Users of ${database.name}"] [data-status]`);
    await form.getByRole('button', { name: 'Create user' }).click();

    const user = row.getByRole('list', { name: `Users of ${database.name}` }).getByRole('listitem');
    await user
      .filter({ hasText: `${database.name}_app` })
      .locator('[data-status="ACTIVE"]')
      .waitFor({
        timeout: LIVE_TIMEOUT,
      });
    expectLiveToActive(await badgeHistory(page));
    await expect(user.textContent()).resolves.toContain('all privileges');

    // The password went to the API and nowhere else the browser keeps or shows.
    expect(await page.content()).not.toContain(password);
    expect(page.url()).not.toContain(password);
    const stored = await page.evaluate(() => {
      type Storage = { length: number; key(index: number): string | null; getItem(key: string): string | null };
      const { localStorage, sessionStorage } = globalThis as unknown as {
        localStorage: Storage;
        sessionStorage: Storage;
      };
      const entries = (storage: Storage) =>
        Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`);
      return [...entries(localStorage), ...entries(sessionStorage)].join('\n');
    });
    expect(stored).not.toContain(password);
  });

  it('refuses a user name without the database prefix next to its field, creating nothing', async () => {
    const row = page.getByRole('table', { name: 'Databases' }).getByRole('row').nth(1);
    await row.getByRole('button', { name: `New user of ${database.name}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `New user of ${database.name}` });
    await form.getByLabel('User name').fill('shop_admin');
    await form.getByLabel('Password').fill(strongPassword());
    await form.getByRole('button', { name: 'Create user' }).click();

    await form.getByText(`name must be ${database.name} or start with ${database.name}_`).waitFor();
    await expect(form.getByLabel('User name').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBe('false');
    await screenshot(page, 'tenant-database-user-error');

    const { database: stored } = await admin().query(GetDatabaseDocument, { id: database.id });
    expect(stored.users.map((u) => u.name)).toEqual([`${database.name}_app`]);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form.isVisible()).resolves.toBe(false);
  });

  it("changes the user's privileges to read only; the user goes back to ACTIVE", async () => {
    const userName = `${database.name}_app`;
    const row = page.getByRole('table', { name: 'Databases' }).getByRole('row').nth(1);
    await row.getByRole('button', { name: `Edit ${userName}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `Edit database user ${userName}` });
    await expect(form.getByLabel('Privileges').inputValue()).resolves.toBe('ALL');
    // Automatic placement may have put the database on either data node: ask the one serving it.
    const { database: placed } = await admin().query(GetDatabaseDocument, { id: database.id });
    const server = mariadbAt(placed.endpoint!);
    expect(await grantsOf(userName, server)).toEqual([
      `GRANT ALL PRIVILEGES ON \`${database.name.replace(/_/g, '\\_')}\`.*`,
    ]);
    await expect(form.getByLabel('New password').inputValue()).resolves.toBe(''); // never prefilled
    await form.getByLabel('Privileges').selectOption('READ_ONLY');
    await recordBadgeAt(page, `ul[aria-label="Users of ${database.name}"] [data-status]`);
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });

    const user = row.getByRole('list', { name: `Users of ${database.name}` }).getByRole('listitem');
    await user.filter({ hasText: 'read only' }).waitFor();
    await expect
      .poll(
        async () => {
          const { database: stored } = await admin().query(GetDatabaseDocument, { id: database.id });
          return stored.users.map((u) => [u.name, u.privileges, u.status]);
        },
        { timeout: LIVE_TIMEOUT },
      )
      .toEqual([[userName, 'READ_ONLY', 'ACTIVE']]);
    await user.locator('[data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveBackToActive(await badgeHistory(page));
    // What MariaDB enforces, not only the record: SELECT and nothing that writes.
    await expect
      .poll(() => grantsOf(userName, server), { timeout: LIVE_TIMEOUT })
      .toEqual([`GRANT SELECT, SHOW VIEW ON \`${database.name.replace(/_/g, '\\_')}\`.*`]);
  });

  it('adds an access rule that goes live to ACTIVE; an invalid CIDR shows at its field and creates nothing', async () => {
    const row = page.getByRole('table', { name: 'Databases' }).getByRole('row').nth(1);
    const addRule = row.getByRole('button', { name: `Add access rule to ${database.name}`, exact: true });
    const form = page.getByRole('dialog', { name: `New access rule of ${database.name}` });
    await addRule.click();
    await form.getByLabel('Address or network').fill('192.0.2.0/24');
    await form.getByLabel('Description').fill('office');
    await form.getByRole('button', { name: 'Add access rule' }).click();

    const rule = row.getByRole('list', { name: `Access rules of ${database.name}` }).getByRole('listitem');
    await rule.filter({ hasText: '192.0.2.0/24' }).locator('[data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    await expect(rule.textContent()).resolves.toContain('office');
    await screenshot(page, 'tenant-databases');

    await addRule.click();
    await form.getByLabel('Address or network').fill('192.0.2.0/99x');
    await form.getByRole('button', { name: 'Add access rule' }).click();
    await form.getByText('cidr must be an IPv4 address').waitFor();
    await expect(form.getByLabel('Address or network').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByLabel('Description').getAttribute('aria-invalid')).resolves.toBe('false');
    const { database: stored } = await admin().query(GetDatabaseDocument, { id: database.id });
    expect(stored.accessRules.map((r) => [r.cidr, r.description, r.status])).toEqual([
      ['192.0.2.0/24', 'office', 'ACTIVE'],
    ]);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(form.isVisible()).resolves.toBe(false);
  });

  it('deletes the database behind a confirmation; its row goes', async () => {
    const row = page.getByRole('table', { name: 'Databases' }).getByRole('row').nth(1);
    await row.getByRole('button', { name: `Delete ${database.name}`, exact: true }).click();
    const confirm = page.getByRole('dialog', { name: `Delete database ${database.name}?` });
    await confirm.getByRole('button', { name: 'Delete database' }).click();

    await page.getByText('No databases.').waitFor({ timeout: LIVE_TIMEOUT });
    const { databases } = await admin().query(ListDatabasesDocument, { filter: { tenantId: tenant.id } });
    expect(databases.totalCount).toBe(0);
  });

  it('creates a Valkey instance and an ACL user from the UI, both live to ACTIVE', async () => {
    await page.getByRole('tab', { name: 'Valkey' }).click();
    await page.getByText('No Valkey instances.').waitFor();
    await page.getByRole('button', { name: 'New instance' }).click();
    const create = page.getByRole('dialog', { name: 'New Valkey instance' });
    await create.getByLabel('Memory limit (MiB)').fill('16');
    await create.getByLabel('Eviction policy').selectOption('ALLKEYS_LRU');
    await recordBadgeAt(page, 'table[aria-label="Valkey instances"] td.status [data-status]');
    await create.getByRole('button', { name: 'Create instance' }).click();

    const row = page.getByRole('table', { name: 'Valkey instances' }).getByRole('row').nth(1);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveToActive(await badgeHistory(page));
    await expect(row.textContent()).resolves.toContain('16 MiB, ALLKEYS_LRU');
    const instance = (await row.locator('td code').first().textContent())!;

    await row.getByRole('button', { name: `New user of ${instance}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `New user of ${instance}` });
    await form.getByLabel('User name').fill(`${instance}_app`);
    await form.getByLabel('Password').fill(password);
    await form.getByLabel('Key patterns').fill('app:*');
    await form.getByLabel('Command rules').fill('+@read\n+set\n+info');
    await recordBadgeAt(page, `ul[aria-label="Users of ${instance}"] [data-status]`);
    await form.getByRole('button', { name: 'Create user' }).click();

    const user = row.getByRole('list', { name: `Users of ${instance}` }).getByRole('listitem');
    await user.locator('[data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveToActive(await badgeHistory(page));
    await expect(user.textContent()).resolves.toContain('keys app:* · +@read +set +info');
    expect(await page.content()).not.toContain(password);
    await screenshot(page, 'tenant-valkey');
  });

  it("edits the instance's memory limit from the UI; the new limit is applied", async () => {
    const row = page.getByRole('table', { name: 'Valkey instances' }).getByRole('row').nth(1);
    const instance = (await row.locator('td code').first().textContent())!;
    await row.getByRole('button', { name: `Edit ${instance}`, exact: true }).click();
    const form = page.getByRole('dialog', { name: `Edit Valkey instance ${instance}` });
    await expect(form.getByLabel('Memory limit (MiB)').inputValue()).resolves.toBe('16');
    await expect(form.getByLabel('Eviction policy').inputValue()).resolves.toBe('ALLKEYS_LRU');
    const { valkeyInstances } = await admin().query(ListValkeyInstancesDocument, { filter: { tenantId: tenant.id } });
    const { id, endpoint } = valkeyInstances.edges[0]!.node; // either data node: placement picks
    // The app user may run INFO: what the running server enforces, not only what the API stored.
    const asApp = { username: `${instance}_app`, password };
    expect(await liveMemoryLimit(endpoint!, asApp)).toEqual({ maxmemory: 16 * 2 ** 20, policy: 'allkeys-lru' });
    await form.getByLabel('Memory limit (MiB)').fill('32');
    await recordBadgeAt(page, 'table[aria-label="Valkey instances"] td.status [data-status]');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'hidden' });

    await row.filter({ hasText: '32 MiB, ALLKEYS_LRU' }).waitFor();
    await expect
      .poll(
        async () => {
          const { valkeyInstance } = await admin().query(GetValkeyInstanceDocument, { id });
          return [valkeyInstance.maxMemoryMb, valkeyInstance.evictionPolicy, valkeyInstance.status];
        },
        { timeout: LIVE_TIMEOUT },
      )
      .toEqual([32, 'ALLKEYS_LRU', 'ACTIVE']);
    await row.locator('td.status [data-status="ACTIVE"]').waitFor({ timeout: LIVE_TIMEOUT });
    expectLiveBackToActive(await badgeHistory(page));
    expect(await liveMemoryLimit(endpoint!, asApp)).toEqual({ maxmemory: 32 * 2 ** 20, policy: 'allkeys-lru' });
    disconnectAll();
  });
});
