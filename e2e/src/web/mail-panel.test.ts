// The Mail tab edits a mailbox's forward and auto-reply (issue 13): a tenant's key opens the
// dialog, saves a forward with a copy kept and an auto-reply, sees them in the mailbox's row and in
// the API; a forward that would close a loop is refused beside its field and changes nothing; an
// emptied auto-reply is removed.
import { randomUUID } from 'node:crypto';
import { GetMailboxDocument, type HostplaneClient } from '@hostplane/schema/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { activeMailbox, activeMailDomain, activeZone, MAIL_SCOPES } from '../mail/mail-api.js';
import { screenshot, screenshotOnFailure, startPanel, type Panel } from './support/panel.js';

const LIVE_TIMEOUT = 25_000;

describe('tenant panel: a mailbox’s forward and auto-reply', () => {
  const tag = randomUUID().slice(0, 8);
  let panel: Panel;
  let page: Page;
  screenshotOnFailure(() => page);
  let key: HostplaneClient;
  let domainName: string;
  let ann: { id: string; address: string };
  let ben: { id: string; address: string };

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'Mail panel shop');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const secret = await createKey(MAIL_SCOPES, [brand.id], tenant.id);
    key = client(secret);
    const zone = await activeZone(key, tenant.id, `panel-${tag}.example`);
    const domain = await activeMailDomain(key, zone.id);
    domainName = domain.name;
    [ann, ben, panel] = await Promise.all([
      activeMailbox(key, { domainId: domain.id, localPart: 'ann', password: `ann-${tag}-pw` }),
      activeMailbox(key, { domainId: domain.id, localPart: 'ben', password: `ben-${tag}-pw` }),
      startPanel('mail-panel'),
    ]);
    page = await panel.newPage({ apiKey: secret });
    await page.goto(`/tenant/${encodeURIComponent(tenant.id)}`);
    await page.getByRole('heading', { name: 'Mail panel shop' }).waitFor();
    await page.getByRole('tab', { name: 'Mail' }).click();
    await page.getByRole('table', { name: 'Mail domains' }).getByRole('button', { name: 'Show' }).click();
  }, 240_000);
  afterAll(async () => {
    await panel?.close();
    await closeClients();
  });

  const rowOf = (address: string) =>
    page
      .getByRole('table', { name: `Mailboxes of ${domainName}` })
      .getByRole('row')
      .filter({ hasText: address });
  const openEdit = async (address: string) => {
    await rowOf(address)
      .getByRole('button', { name: `Edit forward and auto-reply of ${address}`, exact: true })
      .click();
    return page.getByRole('dialog', { name: `Forward and auto-reply of ${address}` });
  };
  const mailbox = async (id: string) => (await key.query(GetMailboxDocument, { id, lastEvents: 1 })).mailbox;

  it('saves a forward with a copy kept and an auto-reply; the row and the API show them', async () => {
    const form = await openEdit(ann.address);
    await form.getByLabel(/^Forward to/).fill(ben.address);
    await form.getByLabel('Keep a copy in the mailbox').check();
    await form.getByLabel(/^Auto-reply subject/).fill(`Away ${tag}`);
    await form.getByLabel('Auto-reply text').fill('Back on Monday.\nRegards');
    await form.getByLabel(/same sender again/).fill('3');
    await form.getByRole('button', { name: 'Save forward and auto-reply' }).click();
    await form.waitFor({ state: 'hidden' });
    await expect
      .poll(
        async () => {
          const m = await mailbox(ann.id);
          return [m.status, m.forwardTo, m.forwardKeepCopy, m.autoReply?.subject, m.autoReply?.intervalDays];
        },
        { timeout: LIVE_TIMEOUT },
      )
      .toEqual(['ACTIVE', [ben.address], true, `Away ${tag}`, 3]);
    expect((await mailbox(ann.id)).autoReply?.body).toBe('Back on Monday.\nRegards');
    await rowOf(ann.address)
      .filter({ hasText: `${ben.address} (copy kept)` })
      .filter({ hasText: `Away ${tag}` })
      .waitFor();
    await screenshot(page, 'mail-forward-auto-reply');
  });

  it('refuses a forward that would close a loop, beside its field, and changes nothing', async () => {
    const form = await openEdit(ben.address);
    await form.getByLabel(/^Forward to/).fill(ann.address);
    await form.getByRole('button', { name: 'Save forward and auto-reply' }).click();
    await form.getByText(/loop/).waitFor();
    expect(await form.getByText(`${ben.address} → ${ann.address} → ${ben.address}`, { exact: false }).count()).toBe(1);
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect((await mailbox(ben.id)).forwardTo).toEqual([]);
  });

  it('removes the auto-reply when its subject and text are emptied, keeping the forward', async () => {
    const form = await openEdit(ann.address);
    await expect(form.getByLabel(/^Auto-reply subject/).inputValue()).resolves.toBe(`Away ${tag}`);
    await form.getByLabel(/^Auto-reply subject/).fill('');
    await form.getByLabel('Auto-reply text').fill('');
    await form.getByRole('button', { name: 'Save forward and auto-reply' }).click();
    await form.waitFor({ state: 'hidden' });
    await expect
      .poll(
        async () => {
          const m = await mailbox(ann.id);
          return [m.status, m.autoReply, m.forwardTo];
        },
        { timeout: LIVE_TIMEOUT },
      )
      .toEqual(['ACTIVE', null, [ben.address]]);
  });
});
