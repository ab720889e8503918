// Issue 13 (mail) through the API, the routing half: an alias delivers to each of its mailboxes,
// the domain's catch-all takes unknown local parts, a forward with copy lands in both mailboxes,
// an auto-reply answers the sender, and a deleted mailbox's stored mail is removed after the
// grace period (a re-created address starts empty). Real clients on the platform's mail node.
import { randomUUID } from 'node:crypto';
import {
  CreateMailAliasDocument,
  DeleteMailboxDocument,
  GetMailAliasDocument,
  GetMailboxDocument,
  UpdateMailAliasDocument,
  UpdateMailboxDocument,
  UpdateMailDomainDocument,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { activeMailbox, activeMailDomain, activeZone, MAIL_SCOPES } from './mail-api.js';
import { awaitMessage, inbound, submitter } from './mail-clients.js';

describe('mail routing made through the API: aliases, catch-all, forwards, auto-replies, data removal', () => {
  const tag = randomUUID().slice(0, 8);
  let key: HostplaneClient;
  let domain: { id: string; name: string };
  const pw = (name: string) => `${name}-${tag}-password`;
  const at = (local: string) => `${local}@${domain.name}`;
  let annId: string;

  beforeAll(async () => {
    const brand = await createBrand();
    const tenant = await createTenant(admin(), brand.id, 'mail routing tenant');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    key = client(await createKey(MAIL_SCOPES, [brand.id], tenant.id));
    const zone = await activeZone(key, tenant.id, `route-${tag}.example`);
    domain = await activeMailDomain(key, zone.id);
    [{ id: annId }] = await Promise.all([
      activeMailbox(key, { domainId: domain.id, localPart: 'ann', password: pw('ann') }),
      activeMailbox(key, { domainId: domain.id, localPart: 'ben', password: pw('ben') }),
      activeMailbox(key, {
        domainId: domain.id,
        localPart: 'away',
        password: pw('away'),
        autoReply: { subject: `Away ${tag}`, body: 'Back on Monday.', intervalDays: 1 },
      }),
    ]);
    // After ben: a forward to an address of a domain hosted here needs its holder first.
    await activeMailbox(key, {
      domainId: domain.id,
      localPart: 'fwd',
      password: pw('fwd'),
      forward: { to: [at('ben')], keepCopy: true },
    });
  }, 240_000);
  afterAll(closeClients);

  it('delivers an alias’s mail to each of its mailboxes', async () => {
    const { createMailAlias } = await key.mutate(CreateMailAliasDocument, {
      input: { domainId: domain.id, localPart: 'team', targets: [at('ann'), at('ben')] },
    });
    expect(createMailAlias.userErrors).toEqual([]);
    expect((await watchStatus(key, createMailAlias.mailAlias!.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
    const subject = `to the team ${tag}`;
    await inbound().sendMail({ from: 'x@outside.example', to: at('team'), subject, text: 'hello all' });
    expect(await awaitMessage(at('ann'), pw('ann'), subject)).not.toBeNull();
    expect(await awaitMessage(at('ben'), pw('ben'), subject)).not.toBeNull();
  }, 90_000);

  it('gives the catch-all unknown local parts, never a mailbox’s mail', async () => {
    const { updateMailDomain } = await key.mutate(UpdateMailDomainDocument, {
      input: { id: domain.id, catchAllTargets: [at('ben')] },
    });
    expect(updateMailDomain.userErrors).toEqual([]);
    expect((await watchStatus(key, domain.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
    const stray = `stray ${tag}`;
    await inbound().sendMail({ from: 'x@outside.example', to: at('nobody-here'), subject: stray, text: 'x' });
    expect(await awaitMessage(at('ben'), pw('ben'), stray)).not.toBeNull();
    const direct = `for ann only ${tag}`;
    await inbound().sendMail({ from: 'x@outside.example', to: at('ann'), subject: direct, text: 'x' });
    expect(await awaitMessage(at('ann'), pw('ann'), direct)).not.toBeNull();
    expect(await awaitMessage(at('ben'), pw('ben'), direct, 1_000)).toBeNull();
  }, 90_000);

  it('keeps a copy of a forward in the mailbox and delivers it to the target', async () => {
    const subject = `forwarded ${tag}`;
    await inbound().sendMail({ from: 'x@outside.example', to: at('fwd'), subject, text: 'x' });
    expect(await awaitMessage(at('fwd'), pw('fwd'), subject)).not.toBeNull();
    expect(await awaitMessage(at('ben'), pw('ben'), subject)).not.toBeNull();
  }, 60_000);

  it('answers the sender with the auto-reply', async () => {
    const subject = `are you there ${tag}`;
    await submitter(at('ann'), pw('ann')).sendMail({ from: at('ann'), to: at('away'), subject, text: 'x' });
    expect(await awaitMessage(at('away'), pw('away'), subject)).not.toBeNull();
    expect(await awaitMessage(at('ann'), pw('ann'), `Away ${tag}`, 30_000)).not.toBeNull();
  }, 60_000);

  it('refuses an alias or forward that would close a loop, and changes nothing', async () => {
    const alias = async (localPart: string, targets: string[]) => {
      const { createMailAlias } = await key.mutate(CreateMailAliasDocument, {
        input: { domainId: domain.id, localPart, targets },
      });
      expect(createMailAlias.userErrors).toEqual([]);
      return createMailAlias.mailAlias!;
    };
    const ring1 = await alias('ring1', [at('ann')]);
    const ring2 = await alias('ring2', [at('ring1')]);
    const fieldsOf = (errors: { field: string[]; code: string; message: string }[]) =>
      errors.map((e) => [e.field.slice(1).join('.'), e.code]);
    // ring1 → ring2 → ring1.
    const { updateMailAlias } = await key.mutate(UpdateMailAliasDocument, {
      input: { id: ring1.id, targets: [at('ben'), at('ring2')] },
    });
    expect(fieldsOf(updateMailAlias.userErrors)).toEqual([['targets', 'INVALID']]);
    expect(updateMailAlias.userErrors[0]!.message).toContain(`${at('ring1')} → ${at('ring2')} → ${at('ring1')}`);
    // ann → ring2 → ring1 → ann, through a forward.
    const { updateMailbox } = await key.mutate(UpdateMailboxDocument, {
      input: { id: annId, forward: { to: [at('ring2')], keepCopy: true } },
    });
    expect(fieldsOf(updateMailbox.userErrors)).toEqual([['forward.to', 'INVALID']]);
    expect(updateMailbox.userErrors[0]!.message).toContain('loop');
    // Nothing changed; a chain without a loop is fine.
    expect((await key.query(GetMailAliasDocument, { id: ring1.id })).mailAlias.targets).toEqual([at('ann')]);
    expect((await key.query(GetMailboxDocument, { id: annId, lastEvents: 1 })).mailbox.forwardTo).toEqual([]);
    await alias('ring3', [at('ring2'), at('ring1')]);
    expect(ring2.targets).toEqual([at('ring1')]);
  }, 90_000);

  it('removes a deleted mailbox’s stored mail after the grace period; the address comes back empty', async () => {
    const leaver = await activeMailbox(key, { domainId: domain.id, localPart: 'leaver', password: pw('leaver') });
    const subject = `kept until deleted ${tag}`;
    await inbound().sendMail({ from: 'x@outside.example', to: at('leaver'), subject, text: 'x' });
    expect(await awaitMessage(at('leaver'), pw('leaver'), subject)).not.toBeNull();
    await key.mutate(DeleteMailboxDocument, { input: { id: leaver.id } });
    expect((await watchStatus(key, leaver.id, ['DELETED', 'FAILED'], 60_000)).status).toBe('DELETED');
    // The test platform's grace period is 3 s; the removal records its step on the mailbox.
    let removed = false;
    for (let i = 0; i < 120 && !removed; i++) {
      const { mailbox } = await key.query(GetMailboxDocument, { id: leaver.id, lastEvents: 50 });
      removed = mailbox.events.some((e) => e.step === 'stored mail removed' && e.stepState === 'SUCCEEDED');
      if (!removed) await new Promise((r) => setTimeout(r, 500));
    }
    expect(removed).toBe(true);
    await activeMailbox(key, { domainId: domain.id, localPart: 'leaver', password: pw('again') });
    expect(await awaitMessage(at('leaver'), pw('again'), subject, 1_000)).toBeNull();
  }, 180_000);
});
