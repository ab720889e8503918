// Issue 13, the node role's TLS: the certificate a spec carries is what IMAP and submission show
// after STARTTLS (a new one replaces it without a restart); without one the node offers no TLS and
// therefore no login, and a login without TLS is refused whenever the client is not the node
// itself. The certificate's key is root's alone.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailNodeSpec } from '@hostplane/contract/mail';
import * as clients from './mail-node-harness.js';
import { hashOf, startTestMailNode, TEST_MAIL_HOSTNAME, testMailCa, type TestMailNode } from './mail-node-harness.js';
import { imapCertificate, plainAuth, plainSession } from './plain-session.js';
import { testCertificate } from './test-certificate.js';

const user = 'tls@gamma.test';
const pass = 'tls-pass-1';
let node: TestMailNode;
let spec: MailNodeSpec;

const session = (port: number) => plainSession('127.0.0.1', port);
/** The certificate IMAP shows, trusting `caPem` for the node's host name. */
const shown = (caPem: string): Promise<PeerCertificate> =>
  imapCertificate('127.0.0.1', node.ports.imap, { ca: caPem, servername: TEST_MAIL_HOSTNAME });

/** The submission port's EHLO answer to a client on another address. */
async function ehlo(): Promise<string> {
  const smtp = session(node.ports.submission);
  await smtp.until(/^220 /m);
  smtp.send('EHLO client.example');
  const answer = await smtp.until(/^250 /m);
  smtp.socket.destroy();
  return answer;
}

/** IMAP's greeting and its answer to a plaintext LOGIN from a client on another address. */
async function plainImapLogin(): Promise<{ greeting: string; answer: string }> {
  const imap = session(node.ports.imap);
  const greeting = await imap.until(/^\* OK/m);
  imap.send(`a LOGIN ${user} ${pass}`);
  const answer = await imap.until(/^a /m);
  imap.socket.destroy();
  return { greeting, answer };
}

beforeAll(async () => {
  node = await startTestMailNode('mail-node-tls-test');
  spec = {
    domains: [{ name: 'gamma.test', receiving: true }],
    mailboxes: [{ address: user, passwordHash: await hashOf(pass), quotaBytes: 1024 * 1024, loginEnabled: true }],
  };
}, 60_000);

afterAll(async () => {
  await node?.close();
}, 60_000);

describe('mail node TLS', () => {
  it('without a certificate offers no TLS, so no login at all from elsewhere', async () => {
    await node.activities.applyMailNode({ ...spec, tls: undefined });
    const answer = await ehlo();
    expect(answer).not.toMatch(/STARTTLS/);
    expect(answer).not.toMatch(/AUTH/);
    const imap = await plainImapLogin();
    expect(imap.greeting).toMatch(/LOGINDISABLED/);
    expect(imap.answer).toMatch(/^a (NO|BAD)/m);
  });

  it('shows the spec’s certificate after STARTTLS, and logs in only inside TLS', async () => {
    // The harness adds its certificate to a spec that names none.
    expect((await node.activities.applyMailNode(spec)).changed).toBe(true);
    expect((await shown(testMailCa())).subjectaltname).toBe(`DNS:${TEST_MAIL_HOSTNAME}`);
    const answer = await ehlo();
    expect(answer).toMatch(/STARTTLS/);
    expect(answer).not.toMatch(/AUTH/);
    const smtp = session(node.ports.submission);
    await smtp.until(/^220 /m);
    smtp.send('EHLO client.example');
    await smtp.until(/^250 /m);
    smtp.send(`AUTH PLAIN ${plainAuth(user, pass)}`);
    expect(await smtp.until(/^\d{3} /m)).toMatch(/^530 /m);
    smtp.socket.destroy();
    expect((await plainImapLogin()).answer).toMatch(/^a (NO|BAD)/m);
    // Real clients, STARTTLS and the certificate checked against the harness's CA.
    const imap = await clients.imapLogin(node.ports, user, pass);
    await imap.logout();
    await expect(clients.submitter(node.ports, user, pass).verify()).resolves.toBe(true);
    // Root's alone: 0600 in a 0700 folder.
    expect((await stat(path.join(node.dir, 'tls', 'mail.key'))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(node.dir, 'tls'))).mode & 0o777).toBe(0o700);
  });

  it('serves a renewed certificate without a restart', async () => {
    const before = await shown((await testCertificate(TEST_MAIL_HOSTNAME)).caPem).catch((e: Error) => e);
    expect(before).toBeInstanceOf(Error); // another CA's certificate is not trusted
    const renewed = await testCertificate(TEST_MAIL_HOSTNAME);
    expect((await node.activities.applyMailNode({ ...spec, tls: renewed.tls })).changed).toBe(true);
    let certificate: PeerCertificate | Error = new Error('not yet');
    // Dovecot's reload starts new login processes; a connection right after may meet an old one.
    for (let i = 0; i < 20 && certificate instanceof Error; i++) {
      certificate = await shown(renewed.caPem).catch((e: Error) => e);
      if (certificate instanceof Error) await new Promise((r) => setTimeout(r, 250));
    }
    expect(certificate).not.toBeInstanceOf(Error);
  });

  it('removes the certificate when the spec has none any more', async () => {
    await node.activities.applyMailNode({ ...spec, tls: undefined });
    await expect(stat(path.join(node.dir, 'tls', 'mail.key'))).rejects.toThrow(/ENOENT/);
    expect(await ehlo()).not.toMatch(/STARTTLS/);
  });
});
