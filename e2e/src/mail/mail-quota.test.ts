// Issue 13 (mail) under a plan: a tenant holds at most its plan's mail domains and mailboxes; one
// more is refused with QUOTA_EXCEEDED on the input's field, nothing written, no workflow; a
// deleted mailbox frees its slot; Tenant.usage counts both.
import { randomUUID } from 'node:crypto';
import {
  CreateMailboxDocument,
  CreateMailDomainDocument,
  DeleteMailboxDocument,
  GetTenantUsageDocument,
  UpdateTenantDocument,
} from '@hostplane/schema/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, closeClients, createBrand, createTenant, uuidOf } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { createPlan, expectOverQuota, rowsOf } from '../plans/plan-support.js';
import { activeMailbox, activeMailDomain, activeZone } from './mail-api.js';

describe('mail domains and mailboxes within the tenant’s plan', () => {
  afterAll(closeClients);

  it('refuses the mail domain and the mailbox over the plan’s limits, and counts both in usage', async () => {
    const tag = randomUUID().slice(0, 8);
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'mail quota');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const plan = await createPlan(brand.id, { maxMailDomains: 1, maxMailboxes: 1 });
    expect(plan).toMatchObject({ maxMailDomains: 1, maxMailboxes: 1 });
    const { updateTenant } = await admin().mutate(UpdateTenantDocument, { input: { id: tenant.id, planId: plan.id } });
    expect(updateTenant.userErrors).toEqual([]);
    const [first, second] = await Promise.all([
      activeZone(admin(), tenant.id, `quota-a-${tag}.example`),
      activeZone(admin(), tenant.id, `quota-b-${tag}.example`),
    ]);
    const domain = await activeMailDomain(admin(), first!.id);
    const overDomain = await admin().mutate(CreateMailDomainDocument, { input: { zoneId: second!.id } });
    expectOverQuota(overDomain.createMailDomain, 'zoneId', 'mail domains', 'at most 1');
    expect(await rowsOf('MailDomain', uuidOf(tenant.id))).toBe(1);

    const ann = await activeMailbox(admin(), { domainId: domain.id, localPart: 'ann', password: `ann-${tag}-pw` });
    const overBox = await admin().mutate(CreateMailboxDocument, {
      input: { domainId: domain.id, localPart: 'ben', password: `ben-${tag}-pw` },
    });
    expectOverQuota(overBox.createMailbox, 'domainId', 'mailboxes', 'at most 1');
    expect(await rowsOf('Mailbox', uuidOf(tenant.id))).toBe(1);

    const { tenant: withUsage } = await admin().query(GetTenantUsageDocument, { id: tenant.id });
    expect(withUsage.usage).toMatchObject({
      mailDomains: { used: 1, limit: 1 },
      mailboxes: { used: 1, limit: 1 },
    });

    // A deleted mailbox frees its slot at once.
    await admin().mutate(DeleteMailboxDocument, { input: { id: ann.id } });
    await activeMailbox(admin(), { domainId: domain.id, localPart: 'ben', password: `ben-${tag}-pw` });
  }, 240_000);
});
