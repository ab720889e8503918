// Issue 13 (mail), the lifecycle around the resources: a tenant's delete takes its mail domains,
// mailboxes and aliases to DELETED, out of the node's maps and user files, and its stored mail
// away after the grace period; a convergeShard of the mail shard writes back what a wiped node
// lost (maps, passwd-files, Sieve scripts, DKIM keys). Real Postfix and Dovecot of the platform.
import { randomUUID } from 'node:crypto';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteTenantDocument, CreateMailAliasDocument, type HostplaneClient } from '@hostplane/schema/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatform } from '../harness/platform.js';
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
import { convergeAndWait } from '../support/convergence.js';
import { watchStatus } from '../support/watch.js';
import { activeMailbox, activeMailDomain, activeZone, MAIL_SCOPES } from './mail-api.js';
import { awaitMessage, imapLogin, inbound } from './mail-clients.js';

/** The local node's mail folder (scripts/lib/platform.mjs puts it beside the homes). */
const mailDir = () => path.join(path.dirname(getPlatform().homeRoot), 'agent-mail');
const nodeFile = (...parts: string[]) => readFile(path.join(mailDir(), ...parts), 'utf8');
const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
/** Every file of the node that names a hosted address or domain. */
const MAP_FILES = [
  ['postfix', 'domains'],
  ['postfix', 'mailboxes'],
  ['postfix', 'senders'],
  ['postfix', 'aliases'],
  ['dovecot', 'passdb'],
  ['dovecot', 'userdb'],
];

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const started = Date.now(); !(await check());) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A tenant with a mail domain, a mailbox (auto-reply on) and an alias to it, all ACTIVE. */
async function tenantWithMail(tag: string) {
  const brand = await createBrand();
  const tenant = await createTenant(admin(), brand.id, `mail lifecycle ${tag}`);
  expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
  const key: HostplaneClient = client(await createKey(MAIL_SCOPES, [brand.id], tenant.id));
  const zone = await activeZone(key, tenant.id, `life-${tag}.example`);
  const domain = await activeMailDomain(key, zone.id);
  const password = `life-${tag}-pw`;
  const mailbox = await activeMailbox(key, {
    domainId: domain.id,
    localPart: 'ann',
    password,
    autoReply: { subject: `Away ${tag}`, body: 'Back soon.', intervalDays: 1 },
  });
  const { createMailAlias } = await key.mutate(CreateMailAliasDocument, {
    input: { domainId: domain.id, localPart: 'team', targets: [mailbox.address] },
  });
  expect(createMailAlias.userErrors).toEqual([]);
  const alias = createMailAlias.mailAlias!;
  expect((await watchStatus(key, alias.id, ['ACTIVE', 'FAILED'], 60_000)).status).toBe('ACTIVE');
  return { tenant, key, zone, domain, mailbox, alias, password };
}

describe('mail through a tenant’s delete and a mail shard’s convergence', () => {
  afterAll(closeClients);

  describe('a tenant’s delete', () => {
    const tag = randomUUID().slice(0, 8);
    let mail: Awaited<ReturnType<typeof tenantWithMail>>;

    beforeAll(async () => {
      mail = await tenantWithMail(tag);
      const subject = `stored ${tag}`;
      await inbound().sendMail({ from: 'x@outside.example', to: mail.mailbox.address, subject, text: 'x' });
      expect(await awaitMessage(mail.mailbox.address, mail.password, subject)).not.toBeNull();
    }, 240_000);

    it('takes its domains, mailboxes and aliases to DELETED, off the node, and its stored mail after the grace', async () => {
      const box = path.join(mailDir(), 'boxes', mail.domain.name, 'ann');
      expect(await exists(box)).toBe(true);
      const { deleteTenant } = await admin().mutate(DeleteTenantDocument, { input: { id: mail.tenant.id } });
      expect(deleteTenant.userErrors).toEqual([]);
      expect((await watchStatus(admin(), mail.tenant.id, ['DELETED', 'FAILED'], 120_000)).status).toBe('DELETED');
      const statuses = await withDatabase(async (db) => {
        const of = async (table: string, id: string) =>
          (await db.query<{ status: string }>(`SELECT status FROM "${table}" WHERE id = $1`, [uuidOf(id)])).rows[0]
            ?.status;
        return [
          await of('MailDomain', mail.domain.id),
          await of('Mailbox', mail.mailbox.id),
          await of('MailAlias', mail.alias.id),
        ];
      });
      expect(statuses).toEqual(['DELETED', 'DELETED', 'DELETED']);
      for (const file of MAP_FILES) expect(await nodeFile(...file)).not.toContain(mail.domain.name);
      expect(await exists(path.join(mailDir(), 'sieve', mail.domain.name, 'ann.sieve'))).toBe(false);
      await expect(imapLogin(mail.mailbox.address, mail.password)).rejects.toThrow();
      // The test platform's grace period is 3 s.
      await until('the stored mail to go', async () => !(await exists(box)));
    }, 180_000);
  });

  describe('a convergeShard of the mail shard', () => {
    const tag = randomUUID().slice(0, 8);
    let mail: Awaited<ReturnType<typeof tenantWithMail>>;
    let shardId: string;

    beforeAll(async () => {
      mail = await tenantWithMail(tag);
      const id = await withDatabase(
        async (db) =>
          (await db.query<{ id: string }>(`SELECT id FROM "Shard" WHERE role = 'EMAIL' ORDER BY name LIMIT 1`)).rows[0]!
            .id,
      );
      shardId = Buffer.from(`Shard:${id}`).toString('base64url');
    }, 240_000);

    it('writes back the maps, passwd-files, Sieve script and DKIM key a wiped node lost', async () => {
      const sieve = path.join(mailDir(), 'sieve', mail.domain.name);
      const dkimKeys = path.join(mailDir(), 'dkim', 'keys');
      const before = Object.fromEntries(
        await Promise.all(MAP_FILES.map(async (f) => [f.join('/'), await nodeFile(...f)] as const)),
      );
      expect(await exists(path.join(sieve, 'ann.sieve'))).toBe(true);
      // Wiped: this tenant's lines (other test files share the node), its scripts and its key.
      for (const file of MAP_FILES) {
        const text = before[file.join('/')]!;
        await writeFile(
          path.join(mailDir(), ...file),
          text
            .split('\n')
            .filter((line) => !line.includes(mail.domain.name))
            .join('\n'),
        );
      }
      await rm(sieve, { recursive: true, force: true });
      const keyFile = (await readFile(path.join(mailDir(), 'dkim', 'KeyTable'), 'utf8'))
        .split('\n')
        .find((line) => line.includes(mail.domain.name))!
        .split(':')
        .pop()!;
      expect(keyFile.startsWith(dkimKeys)).toBe(true);
      await rm(keyFile);
      // Refused once Dovecot sees the wiped passdb; another file's mail change applies the node's
      // whole spec too and may repair it first, so the wait proves the wipe only in a quiet run.
      await until(
        'the wiped login to be refused',
        () =>
          imapLogin(mail.mailbox.address, mail.password).then(
            async (c) => {
              await c.logout();
              return false;
            },
            () => true,
          ),
        5_000,
      ).catch(() => undefined);

      const run = await convergeAndWait(shardId, admin(), 120_000);
      expect(run.events.filter((e) => e.step === 'mail node converged').map((e) => e.stepState)).not.toContain(
        'FAILED',
      );
      for (const file of MAP_FILES) expect(await nodeFile(...file)).toContain(mail.domain.name);
      expect(await exists(path.join(sieve, 'ann.sieve'))).toBe(true);
      expect(await exists(keyFile)).toBe(true);
      // And working: the login, the alias and the auto-reply's script.
      const imap = await imapLogin(mail.mailbox.address, mail.password);
      await imap.logout();
      const subject = `after convergence ${tag}`;
      await inbound().sendMail({ from: 'x@outside.example', to: `team@${mail.domain.name}`, subject, text: 'x' });
      expect(await awaitMessage(mail.mailbox.address, mail.password, subject)).not.toBeNull();
    }, 240_000);
  });
});
