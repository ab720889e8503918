// Issue 13 (mail) through the API: a tenant enables mail on its zone and the platform's PowerDNS
// answers MX, SPF, DKIM and DMARC; mailboxes submit with authentication (nodemailer) and read
// over IMAP (imapflow) on the mail node; DKIM verifies against the key PowerDNS serves (mailauth);
// wrong passwords, another tenant's credentials and a suspended tenant's logins are refused; over
// quota bounces; bad input is field userErrors with nothing written; passwords and keys never
// show in clear; brand and tenant isolation; disabling mail removes the records.
import { randomUUID } from 'node:crypto';
import { dkimVerify } from 'mailauth';
import {
  CreateMailAliasDocument,
  CreateMailboxDocument,
  CreateMailDomainDocument,
  DeleteDnsRecordDocument,
  DeleteDnsZoneDocument,
  DeleteMailboxDocument,
  DeleteMailDomainDocument,
  GetMailDomainDocument,
  GetNodeDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  UpdateMailboxDocument,
  type CreateMailboxInput,
  type HostplaneClient,
} from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admin,
  client,
  closeClients,
  createBrand,
  createKey,
  createTenant,
  uuidOf,
  withDatabase,
} from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { lookup, lookupUntil } from '../dns/resolver.js';
import { awaitMessage, imapLogin, inbound, platformResolver, submitter, unquote } from './mail-clients.js';
import { activeMailbox, activeMailDomain, activeZone, MAIL_SCOPES } from './mail-api.js';

describe('mail domains and mailboxes through the API, on the platform’s Postfix, Dovecot and PowerDNS', () => {
  const tag = randomUUID().slice(0, 8);
  let brand: { id: string };
  let tenant: { id: string; name: string };
  let key: HostplaneClient;
  let zone: { id: string; name: string };
  let domain: { id: string; name: string; dkimSelector: string; dkimRecord: string };
  const pass = { alice: `alice-${tag}-pw`, bob: `bob-${tag}-pw` };
  let alice: { id: string; address: string };
  let bob: { id: string; address: string };

  beforeAll(async () => {
    brand = await createBrand();
    tenant = await createTenant(admin(), brand.id, 'mail tenant');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    key = client(await createKey(MAIL_SCOPES, [brand.id], tenant.id));
    zone = await activeZone(key, tenant.id, `mail-${tag}.example`);
    domain = await activeMailDomain(key, zone.id);
    alice = await activeMailbox(key, { domainId: domain.id, localPart: 'alice', password: pass.alice });
    bob = await activeMailbox(key, {
      domainId: domain.id,
      localPart: 'bob',
      password: pass.bob,
      quotaBytes: 1024 * 1024,
    });
  }, 240_000);
  afterAll(closeClients);

  it('answers MX, SPF, DKIM and DMARC from the platform’s PowerDNS, shown as managed records of the zone', async () => {
    const { values: mx } = await lookupUntil(zone.name, 'MX', (v) => v.length > 0, 5_000);
    expect(mx).toEqual(['10 mail.localhost.']);
    const apexTxt = (await lookup(zone.name, 'TXT')).map(unquote);
    const spf = apexTxt.filter((t) => t.startsWith('v=spf1'));
    expect(spf).toEqual(['v=spf1 mx -all']);
    expect(spf[0]!.split(' ').slice(1)).toEqual(['mx', '-all']);
    const dmarc = (await lookup(`_dmarc.${zone.name}`, 'TXT')).map(unquote);
    expect(dmarc).toHaveLength(1);
    const tags = Object.fromEntries(dmarc[0]!.split(';').map((t) => t.trim().split('=') as [string, string]));
    expect(tags).toMatchObject({ v: 'DMARC1', p: 'quarantine' });
    const dkim = (await lookup(`${domain.dkimSelector}._domainkey.${zone.name}`, 'TXT')).map(unquote);
    expect(dkim).toEqual([domain.dkimRecord]);
    // An RSA-2048 key: 294 bytes of SubjectPublicKeyInfo, longer than one TXT string (chunked).
    expect(Buffer.from(domain.dkimRecord.split('p=')[1]!, 'base64')).toHaveLength(294);

    const { mailDomain } = await key.query(GetMailDomainDocument, { id: domain.id });
    expect(mailDomain.dnsRecords.map((r) => [r.name, r.type, r.managed]).sort()).toEqual(
      [
        [zone.name, 'MX', true],
        [zone.name, 'TXT', true],
        [`${domain.dkimSelector}._domainkey.${zone.name}`, 'TXT', true],
        [`_dmarc.${zone.name}`, 'TXT', true],
      ].sort(),
    );
    expect(mailDomain.servers.map((s) => s.hostname)).toEqual(['mail.localhost']);
    // Managed: the tenant cannot remove them.
    const { deleteDnsRecord } = await key.mutate(DeleteDnsRecordDocument, {
      input: { id: mailDomain.dnsRecords[0]!.id },
    });
    expect(deleteDnsRecord.userErrors.map((e) => e.code)).toEqual(['FORBIDDEN']);
  });

  it('delivers an authenticated submission to the INBOX, DKIM-signed with the key PowerDNS serves', async () => {
    const subject = `hello ${tag}`;
    const info = await submitter(alice.address, pass.alice).sendMail({
      from: alice.address,
      to: bob.address,
      subject,
      text: 'through the API-made mailboxes',
    });
    expect(info.accepted).toEqual([bob.address]);
    const message = await awaitMessage(bob.address, pass.bob, subject);
    expect(message).not.toBeNull();
    const result = await dkimVerify(message!.source, { resolver: platformResolver });
    expect(result.results.map((r) => [r.signingDomain, r.selector, r.status.result])).toEqual([
      [zone.name, domain.dkimSelector, 'pass'],
    ]);
  }, 60_000);

  it('refuses a wrong password and another tenant’s credentials', async () => {
    await expect(submitter(alice.address, 'wrong-password').verify()).rejects.toThrow(/535|auth/i);
    await expect(imapLogin(alice.address, 'wrong-password')).rejects.toThrow();
    const other = await createTenant(admin(), brand.id, 'mail neighbour');
    expect((await watchStatus(admin(), other.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const otherKey = client(await createKey(MAIL_SCOPES, [brand.id], other.id));
    const otherZone = await activeZone(otherKey, other.id, `neighbour-${tag}.example`);
    const otherDomain = await activeMailDomain(otherKey, otherZone.id);
    const otherPass = `carol-${tag}-pw`;
    const carol = await activeMailbox(otherKey, { domainId: otherDomain.id, localPart: 'carol', password: otherPass });
    // Carol's password opens her mailbox only; her login cannot send as Alice.
    await expect(submitter(alice.address, otherPass).verify()).rejects.toThrow(/535|auth/i);
    await expect(imapLogin(alice.address, otherPass)).rejects.toThrow();
    await expect(
      submitter(carol.address, otherPass).sendMail({ from: alice.address, to: bob.address, subject: 's', text: 'x' }),
    ).rejects.toThrow(/553|not owned/i);
  }, 240_000);

  it('bounces mail over the quota to its sender', async () => {
    const subject = `too big ${tag}`;
    await inbound().sendMail({ from: alice.address, to: bob.address, subject, text: 'y'.repeat(1_500_000) });
    const bounce = await awaitMessage(alice.address, pass.alice, /Undelivered|Returned|failure/i, 30_000);
    expect(bounce).not.toBeNull();
    expect(bounce!.source.toString()).toMatch(/5\.2\.2|quota/i);
    expect(await awaitMessage(bob.address, pass.bob, subject, 1_000)).toBeNull();
  }, 60_000);

  it('keeps passwords out of every answer and out of PostgreSQL, and the DKIM private key sealed', async () => {
    const { mailDomain } = await key.query(GetMailDomainDocument, { id: domain.id });
    expect(JSON.stringify(mailDomain)).not.toContain(pass.alice);
    expect(JSON.stringify(mailDomain)).not.toContain('PRIVATE KEY');
    const rows = await withDatabase(async (db) => {
      const boxes = await db.query<{ passwordHash: string }>(
        `SELECT "passwordHash" FROM "Mailbox" WHERE "domainId" = $1`,
        [uuidOf(domain.id)],
      );
      const domains = await db.query<{ sealed: Buffer }>(
        `SELECT "dkimPrivateKeySealed" AS sealed FROM "MailDomain" WHERE id = $1`,
        [uuidOf(domain.id)],
      );
      const audit = await db.query<{ input: unknown }>(
        `SELECT input FROM "AuditLog" WHERE operation = 'createMailbox' ORDER BY at DESC LIMIT 20`,
      );
      return { boxes: boxes.rows, sealed: domains.rows[0]!.sealed, audit: audit.rows };
    });
    expect(rows.boxes.map((b) => b.passwordHash.startsWith('{ARGON2ID}$argon2id$'))).toEqual([true, true]);
    expect(JSON.stringify(rows.boxes)).not.toContain(pass.alice);
    expect(rows.sealed.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(JSON.stringify(rows.audit)).not.toContain(pass.alice);
  });

  it('refuses bad input with field userErrors and writes nothing', async () => {
    const count = () =>
      withDatabase(
        async (db) => (await db.query(`SELECT id FROM "Mailbox" WHERE "domainId" = $1`, [uuidOf(domain.id)])).rowCount,
      );
    const before = await count();
    const cases: Array<[CreateMailboxInput, string, string]> = [
      [{ domainId: domain.id, localPart: 'Bad Name', password: 'long-enough-pw' }, 'localPart', 'INVALID'],
      [{ domainId: domain.id, localPart: '.dot', password: 'long-enough-pw' }, 'localPart', 'INVALID'],
      [{ domainId: domain.id, localPart: 'shorty', password: 'short' }, 'password', 'INVALID'],
      [
        { domainId: domain.id, localPart: 'tiny', password: 'long-enough-pw', quotaBytes: 1000 },
        'quotaBytes',
        'INVALID',
      ],
      [{ domainId: domain.id, localPart: 'alice', password: 'long-enough-pw' }, 'localPart', 'TAKEN'],
      [
        { domainId: domain.id, localPart: 'fw', password: 'long-enough-pw', forward: { to: ['not-an-address'] } },
        'forward.to',
        'INVALID',
      ],
      [
        { domainId: domain.id, localPart: 'fw2', password: 'long-enough-pw', forward: { to: [`ghost@${zone.name}`] } },
        'forward.to',
        'INVALID',
      ],
      [
        {
          domainId: domain.id,
          localPart: 'away',
          password: 'long-enough-pw',
          autoReply: { subject: 'x', body: 'y', intervalDays: 99 },
        },
        'autoReply.intervalDays',
        'INVALID',
      ],
    ];
    for (const [input, field, code] of cases) {
      const { createMailbox } = await key.mutate(CreateMailboxDocument, { input });
      expect(createMailbox.mailbox, input.localPart).toBeNull();
      expect(
        createMailbox.userErrors.map((e) => [e.field.slice(1).join('.'), e.code]),
        input.localPart,
      ).toEqual([[field, code]]);
    }
    const alias = async (localPart: string, targets: string[]) =>
      (await key.mutate(CreateMailAliasDocument, { input: { domainId: domain.id, localPart, targets } }))
        .createMailAlias;
    expect((await alias('alice', [bob.address])).userErrors.map((e) => [e.field.slice(1).join('.'), e.code])).toEqual([
      ['localPart', 'TAKEN'],
    ]);
    expect((await alias('sales', [])).userErrors.map((e) => [e.field.slice(1).join('.'), e.code])).toEqual([
      ['targets', 'INVALID'],
    ]);
    const { createMailDomain } = await key.mutate(CreateMailDomainDocument, { input: { zoneId: zone.id } });
    expect(createMailDomain.userErrors.map((e) => [e.field.slice(1).join('.'), e.code])).toEqual([['zoneId', 'TAKEN']]);
    // The zone stays while mail is on it.
    const { deleteDnsZone } = await key.mutate(DeleteDnsZoneDocument, { input: { id: zone.id } });
    expect(deleteDnsZone.userErrors.map((e) => e.code)).toEqual(['INVALID_STATE']);
    expect(await count()).toBe(before);
  });

  it('shows mail to its own brand and tenant only, on every path', async () => {
    const other = await createBrand();
    const neighbour = await createTenant(admin(), brand.id, 'mail outsider');
    const outsiders = [
      client(await createKey(['*'], [other.id])),
      client(await createKey(MAIL_SCOPES, [brand.id], neighbour.id)),
    ];
    for (const outsider of outsiders) {
      for (const id of [domain.id, alice.id]) {
        await expect(outsider.query(GetNodeDocument, { id })).rejects.toMatchObject({ codes: ['NOT_FOUND'] });
      }
      await expect(outsider.query(GetMailDomainDocument, { id: domain.id })).rejects.toMatchObject({
        codes: ['NOT_FOUND'],
      });
      const { createMailbox } = await outsider.mutate(CreateMailboxDocument, {
        input: { domainId: domain.id, localPart: 'intruder', password: 'long-enough-pw' },
      });
      expect(createMailbox.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { updateMailbox } = await outsider.mutate(UpdateMailboxDocument, {
        input: { id: alice.id, password: 'hijacked-password' },
      });
      expect(updateMailbox.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { deleteMailbox } = await outsider.mutate(DeleteMailboxDocument, { input: { id: alice.id } });
      expect(deleteMailbox.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      const { createMailDomain } = await outsider.mutate(CreateMailDomainDocument, { input: { zoneId: zone.id } });
      expect(createMailDomain.userErrors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    }
    const noMail = client(await createKey(['dns:read', 'tenants:read'], [brand.id]));
    await expect(noMail.query(GetMailDomainDocument, { id: domain.id })).rejects.toMatchObject({
      codes: ['FORBIDDEN'],
    });
  });

  it('refuses a suspended tenant’s logins and defers its mail; unsuspend restores both', async () => {
    await admin().mutate(SuspendTenantDocument, { input: { id: tenant.id, reason: 'mail test' } });
    expect((await watchStatus(admin(), tenant.id, ['SUSPENDED', 'FAILED'], 90_000)).status).toBe('SUSPENDED');
    await expect(imapLogin(alice.address, pass.alice)).rejects.toThrow();
    await expect(submitter(alice.address, pass.alice).verify()).rejects.toThrow(/535|auth/i);
    await expect(
      inbound().sendMail({ from: 'x@outside.example', to: alice.address, subject: 'deferred', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 450 });
    await admin().mutate(UnsuspendTenantDocument, { input: { id: tenant.id } });
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'], 90_000)).status).toBe('ACTIVE');
    await (await imapLogin(alice.address, pass.alice)).logout();
  }, 240_000);

  it('disabling mail removes the records, the mailboxes and their logins', async () => {
    const { deleteMailDomain } = await key.mutate(DeleteMailDomainDocument, { input: { id: domain.id } });
    expect(deleteMailDomain.userErrors).toEqual([]);
    expect((await watchStatus(key, domain.id, ['DELETED', 'FAILED'], 90_000)).status).toBe('DELETED');
    expect((await lookupUntil(zone.name, 'MX', (v) => v.length === 0, 5_000)).values).toEqual([]);
    expect(await lookup(`_dmarc.${zone.name}`, 'TXT')).toEqual([]);
    expect(await lookup(`${domain.dkimSelector}._domainkey.${zone.name}`, 'TXT')).toEqual([]);
    await expect(imapLogin(alice.address, pass.alice)).rejects.toThrow();
    const statuses = await withDatabase(async (db) =>
      (
        await db.query<{ status: string }>(`SELECT status FROM "Mailbox" WHERE "domainId" = $1`, [uuidOf(domain.id)])
      ).rows.map((r) => r.status),
    );
    expect(statuses).toEqual(['DELETED', 'DELETED']);
  }, 120_000);
});
