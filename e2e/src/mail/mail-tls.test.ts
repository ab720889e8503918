// IMAP and submission over TLS with the platform's certificate (issue 13): the mail node's host
// name gets a certificate from the platform's ACME CA (Pebble, validating over HTTP-01 through
// the local load balancer), the node offers STARTTLS with it, and no login crosses the network
// without TLS. Clients trust only Pebble's root and check the mail host name.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { ListMailHostCertificatesDocument } from '@hostplane/schema/sdk';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, client, closeClients, createBrand, createKey, createTenant, withDatabase } from '../support/clients.js';
import { watchStatus } from '../support/watch.js';
import { getPlatform } from '../harness/platform.js';
import { activeMailbox, activeMailDomain, activeZone, MAIL_SCOPES } from './mail-api.js';
import { imapLogin, mailTls, submitter } from './mail-clients.js';
import { imapCertificate, plainAuth, plainSession } from './plain-session.js';

const mail = () => getPlatform().platformMail;
const session = (port: number) => plainSession(mail().address, port);

describe('mail logins over TLS with the platform’s certificate', () => {
  const tag = randomUUID().slice(0, 8);
  const password = `tls-${tag}-pw`;
  let address: string;
  let brand: string;

  beforeAll(async () => {
    brand = (await createBrand()).id;
    const tenant = await createTenant(admin(), brand, 'mail tls tenant');
    expect((await watchStatus(admin(), tenant.id, ['ACTIVE', 'FAILED'])).status).toBe('ACTIVE');
    const key = client(await createKey(MAIL_SCOPES, [brand], tenant.id));
    const zone = await activeZone(key, tenant.id, `tls-${tag}.example`);
    const domain = await activeMailDomain(key, zone.id);
    ({ address } = await activeMailbox(key, { domainId: domain.id, localPart: 'tina', password }));
  }, 240_000);
  afterAll(closeClients);

  it('orders the mail host’s certificate from the platform’s ACME CA and keeps its key sealed', async () => {
    const row = await withDatabase(async (db) => {
      const { rows } = await db.query<{
        hostname: string;
        certificatePem: string | null;
        sealedKey: Buffer | null;
        lastError: string | null;
      }>(
        'SELECT "hostname", "certificatePem", "sealedKey", "lastError" FROM "MailNodeCertificate" WHERE "nodeId" = $1',
        [getPlatform().nodeId],
      );
      return rows[0];
    });
    expect(row).toMatchObject({ hostname: mail().hostname, lastError: null });
    expect(row!.certificatePem).toContain('BEGIN CERTIFICATE');
    expect(row!.sealedKey!.toString('latin1')).not.toContain('PRIVATE KEY');
    const certificate = await imapCertificate(mail().address, mail().imapPort, mailTls());
    expect(certificate.subjectaltname).toBe(`DNS:${mail().hostname}`);
    expect(certificate.issuer.CN).toMatch(/Pebble/);

    // The API shows it to platform administrators (never its key), and to nobody else.
    const { serverNodes } = await admin().query(ListMailHostCertificatesDocument, {});
    const shown = serverNodes.find((node) => node.mailCertificate?.hostname === mail().hostname)!.mailCertificate!;
    expect(shown).toMatchObject({ renewFailures: 0, lastError: null });
    expect(new Date(shown.notAfter!).getTime()).toBe(new Date(certificate.valid_to).getTime());
    expect(new Date(shown.renewAfter!).getTime()).toBeLessThan(new Date(shown.notAfter!).getTime());
    const brandKey = client(await createKey(['*'], [brand]));
    await expect(brandKey.query(ListMailHostCertificatesDocument, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('logs in over STARTTLS on IMAP and submission, the certificate verified for the mail host name', async () => {
    const imap = await imapLogin(address, password);
    try {
      const box = await imap.mailboxOpen('INBOX');
      expect(box.path).toBe('INBOX');
    } finally {
      await imap.logout();
    }
    await expect(submitter(address, password).verify()).resolves.toBe(true);
  });

  it('refuses a certificate check for another name', async () => {
    const wrongName = nodemailer.createTransport({
      host: mail().address,
      port: mail().submissionPort,
      secure: false,
      requireTLS: true,
      tls: { ...mailTls(), servername: 'elsewhere.example' },
      auth: { user: address, pass: password },
    });
    await expect(wrongName.verify()).rejects.toThrow(/altnames|Hostname|certificate/i);
  });

  it('refuses every login without TLS, on IMAP and on submission', async () => {
    const imap = session(mail().imapPort);
    expect(await imap.until(/^\* OK/m)).toMatch(/LOGINDISABLED/);
    imap.send(`a LOGIN ${address} ${password}`);
    expect(await imap.until(/^a /m)).toMatch(/^a (NO|BAD)/m);
    imap.send(`b AUTHENTICATE PLAIN ${plainAuth(address, password)}`);
    expect(await imap.until(/^b /m)).toMatch(/^b (NO|BAD)/m);
    imap.socket.destroy();

    const smtp = session(mail().submissionPort);
    await smtp.until(/^220 /m);
    smtp.send('EHLO client.example');
    const ehlo = await smtp.until(/^250 /m);
    expect(ehlo).toMatch(/STARTTLS/);
    expect(ehlo).not.toMatch(/AUTH/);
    smtp.send(`AUTH PLAIN ${plainAuth(address, password)}`);
    expect(await smtp.until(/^\d{3} /m)).toMatch(/^5\d\d /m);
    smtp.socket.destroy();

    const plain = nodemailer.createTransport({
      host: mail().address,
      port: mail().submissionPort,
      secure: false,
      ignoreTLS: true,
      auth: { user: address, pass: password },
    });
    // nodemailer skips a login the server does not offer: the mail itself is refused.
    await expect(plain.sendMail({ from: address, to: address, subject: 'no tls', text: 'x' })).rejects.toThrow(
      /530|STARTTLS/,
    );
  });

  it('the renewal schedule renews the mail host’s certificate when its time has come', async () => {
    const served = () => imapCertificate(mail().address, mail().imapPort, mailTls());
    const before = (await served()).serialNumber;
    await withDatabase((db) =>
      db.query(`UPDATE "MailNodeCertificate" SET "renewAfter" = now() - interval '1 minute' WHERE "nodeId" = $1`, [
        getPlatform().nodeId,
      ]),
    );
    const connection = await Connection.connect({ address: getPlatform().temporalAddress });
    try {
      await new Client({ connection }).schedule.getHandle('hostplane-renew-certificates').trigger();
    } finally {
      await connection.close();
    }
    let after = before;
    for (let i = 0; i < 120 && after === before; i++) {
      await new Promise((r) => setTimeout(r, 500));
      after = (await served()).serialNumber;
    }
    expect(after).not.toBe(before);
    // And logins carry on with the new one.
    const imap = await imapLogin(address, password);
    await imap.logout();
  }, 90_000);
});
