// Issue 13 (mail), the node role: the agent's own Postfix and Dovecot on loopback ports, driven
// only through its mail activity (applyMailNode), asked with real clients (nodemailer submits,
// imapflow reads). Submission with authentication lands in the recipient's INBOX; wrong passwords,
// another mailbox's sender address and disabled logins are refused; a suspended domain's mail is
// deferred (4xx) and delivered after unsuspend; over quota bounces; a bad spec swaps nothing;
// OpenDKIM signs submissions with the login's domain key (mailauth verifies it against the TXT
// record the platform would publish), never with the key of a domain a tenant puts in From.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { dkimVerify } from 'mailauth';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailActivities, MailboxSpec, MailNodeSpec } from '@hostplane/contract/mail';
import * as clients from './mail-node-harness.js';
import { hashOf, startTestMailNode, type MailPorts, type TestMailNode } from './mail-node-harness.js';

const run = promisify(execFile);

let dir: string;
let node: TestMailNode;
let activities: MailActivities;
let ports: MailPorts;
const passwords = { alice: 'alice-pass-1', bob: 'bob-pass-2', carol: 'carol-pass-3' };
const hashes: Record<string, string> = {};

/** A DKIM key pair per domain: the private key for the agent, the TXT record for the test's resolver. */
function dkimKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    txt: `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
  };
}
const dkim = { 'alpha.test': dkimKey(), 'beta.test': dkimKey() };
const SELECTOR = 'hp1';
/** What the platform's DNS would answer for `<selector>._domainkey.<domain>` TXT. */
const resolver = async (name: string, type: string): Promise<string[][]> => {
  const domain = name.replace(`${SELECTOR}._domainkey.`, '') as keyof typeof dkim;
  if (type !== 'TXT' || !dkim[domain]) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return [[dkim[domain].txt]];
};
const signing = (name: keyof typeof dkim) => ({ selector: SELECTOR, privateKeyPem: dkim[name].privateKeyPem });

const mailbox = (address: string, hash: string, extra: Partial<MailboxSpec> = {}): MailboxSpec => ({
  address,
  passwordHash: hash,
  quotaBytes: 10 * 1024 * 1024,
  loginEnabled: true,
  ...extra,
});

function spec(o: { suspendedB?: boolean; carolLogin?: boolean; carolQuota?: number } = {}): MailNodeSpec {
  return {
    domains: [
      { name: 'alpha.test', receiving: true, dkim: signing('alpha.test') },
      { name: 'beta.test', receiving: !o.suspendedB, dkim: signing('beta.test') },
    ],
    mailboxes: [
      mailbox('alice@alpha.test', hashes.alice!),
      mailbox('bob@beta.test', hashes.bob!, { loginEnabled: !o.suspendedB }),
      mailbox('carol@alpha.test', hashes.carol!, {
        loginEnabled: o.carolLogin ?? true,
        quotaBytes: o.carolQuota ?? 10 * 1024 * 1024,
      }),
    ],
  };
}

const submitter = (user: string, pass: string) => clients.submitter(ports, user, pass);
const inbound = () => clients.inbound(ports);
const imapLogin = (user: string, pass: string) => clients.imapLogin(ports, user, pass);
const rawMessage = (user: string, pass: string, subject: string) => clients.rawMessage(ports, user, pass, subject);
const inboxSubjects = (user: string, pass: string, expected?: string) =>
  clients.inboxSubjects(ports, user, pass, expected);

beforeAll(async () => {
  for (const [name, password] of Object.entries(passwords)) hashes[name] = await hashOf(password);
  node = await startTestMailNode('mail-node-test');
  ({ dir, ports, activities } = node);
  const first = await activities.applyMailNode(spec());
  expect(first.changed).toBe(true);
}, 60_000);

afterAll(async () => {
  await node?.close();
}, 60_000);

describe('mail node (Postfix + Dovecot run by the node agent)', () => {
  it('answers the endpoint and leaves an unchanged spec alone', async () => {
    const again = await activities.applyMailNode(spec());
    expect(again).toEqual({
      changed: false,
      endpoint: {
        hostname: 'mx.platform.test',
        address: '127.0.0.1',
        smtpPort: ports.smtp,
        submissionPort: ports.submission,
        imapPort: ports.imap,
      },
    });
  });

  it('delivers an authenticated submission to the recipient INBOX over IMAP', async () => {
    const subject = `hello ${Date.now()}`;
    const info = await submitter('alice@alpha.test', passwords.alice).sendMail({
      from: 'alice@alpha.test',
      to: 'bob@beta.test',
      subject,
      text: 'across tenants, on one node',
    });
    expect(info.accepted).toEqual(['bob@beta.test']);
    expect(await inboxSubjects('bob@beta.test', passwords.bob, subject)).toContain(subject);
  });

  it('refuses a wrong password on submission and IMAP', async () => {
    await expect(submitter('alice@alpha.test', 'wrong').verify()).rejects.toThrow(/535|auth/i);
    await expect(imapLogin('alice@alpha.test', 'wrong')).rejects.toThrow();
  });

  it("refuses another mailbox's password and sending as another mailbox's address", async () => {
    await expect(submitter('alice@alpha.test', passwords.bob).verify()).rejects.toThrow(/535|auth/i);
    await expect(
      submitter('bob@beta.test', passwords.bob).sendMail({
        from: 'alice@alpha.test',
        to: 'carol@alpha.test',
        subject: 'spoofed',
        text: 'x',
      }),
    ).rejects.toThrow(/553|not owned/i);
  });

  it('refuses unauthenticated relaying on both ports', async () => {
    await expect(
      inbound().sendMail({ from: 'x@outside.test', to: 'victim@elsewhere.test', subject: 's', text: 'x' }),
    ).rejects.toThrow(/554|Relay access denied/);
    await expect(
      nodemailer
        .createTransport({ host: '127.0.0.1', port: ports.submission, secure: false, ignoreTLS: true })
        .sendMail({ from: 'carol@alpha.test', to: 'alice@alpha.test', subject: 's', text: 'x' }),
      // Submission wants TLS before anything (530), and a login inside it before any relaying.
    ).rejects.toThrow(/530|554|reject|Access denied/i);
  });

  it('refuses logins of a disabled mailbox and still delivers its mail', async () => {
    expect((await activities.applyMailNode(spec({ carolLogin: false }))).changed).toBe(true);
    await expect(submitter('carol@alpha.test', passwords.carol).verify()).rejects.toThrow(/535|auth/i);
    await expect(imapLogin('carol@alpha.test', passwords.carol)).rejects.toThrow();
    const subject = `while disabled ${Date.now()}`;
    await inbound().sendMail({ from: 'x@outside.test', to: 'carol@alpha.test', subject, text: 'kept' });
    await activities.applyMailNode(spec());
    expect(await inboxSubjects('carol@alpha.test', passwords.carol, subject)).toContain(subject);
  });

  it('defers mail to a suspended domain (450) and refuses its logins; unsuspend restores both', async () => {
    await activities.applyMailNode(spec({ suspendedB: true }));
    await expect(
      inbound().sendMail({ from: 'x@outside.test', to: 'bob@beta.test', subject: 'deferred', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 450 });
    await expect(imapLogin('bob@beta.test', passwords.bob)).rejects.toThrow();
    await activities.applyMailNode(spec());
    const subject = `after unsuspend ${Date.now()}`;
    await inbound().sendMail({ from: 'x@outside.test', to: 'bob@beta.test', subject, text: 'x' });
    expect(await inboxSubjects('bob@beta.test', passwords.bob, subject)).toContain(subject);
  });

  it('bounces mail over the quota', async () => {
    await activities.applyMailNode(spec({ carolQuota: 4096 }));
    const subject = `too big ${Date.now()}`;
    await inbound().sendMail({ from: 'x@outside.test', to: 'carol@alpha.test', subject, text: 'y'.repeat(20_000) });
    const log = path.join(dir, 'logs', 'postfix.log');
    let bounced = false;
    for (let i = 0; i < 50 && !bounced; i++) {
      bounced = /to=<carol@alpha\.test>.*status=bounced.*552 5\.2\.2/.test(await readFile(log, 'utf8'));
      if (!bounced) await new Promise((r) => setTimeout(r, 200));
    }
    expect(bounced).toBe(true);
    expect(await inboxSubjects('carol@alpha.test', passwords.carol)).not.toContain(subject);
    await activities.applyMailNode(spec());
  });

  it('relays nothing off the machine: a forward to an outside address bounces at the error transport', async () => {
    const forwarding = { ...spec(), aliases: [{ address: 'out@alpha.test', targets: ['someone@far-away.test'] }] };
    await activities.applyMailNode(forwarding);
    const subject = `outbound ${Date.now()}`;
    await inbound().sendMail({ from: 'x@outside.test', to: 'out@alpha.test', subject, text: 'x' });
    const log = path.join(dir, 'logs', 'postfix.log');
    const bounced =
      /to=<someone@far-away\.test>, orig_to=<out@alpha\.test>, relay=none.*status=bounced \(outbound mail is disabled/;
    let seen = false;
    for (let i = 0; i < 50 && !seen; i++) {
      seen = bounced.test(await readFile(log, 'utf8'));
      if (!seen) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBe(true);
    await activities.applyMailNode(spec());
  });

  it("signs a submission with the login domain's DKIM key, which verifies against its TXT record", async () => {
    const subject = `signed ${Date.now()}`;
    await submitter('alice@alpha.test', passwords.alice).sendMail({
      from: 'alice@alpha.test',
      to: 'bob@beta.test',
      subject,
      text: 'signed by alpha.test',
    });
    const result = await dkimVerify(await rawMessage('bob@beta.test', passwords.bob, subject), { resolver });
    expect(result.results.map((r) => [r.signingDomain, r.selector, r.status.result])).toEqual([
      ['alpha.test', SELECTOR, 'pass'],
    ]);
  });

  it('never signs with the key of a domain a tenant only writes in From', async () => {
    const subject = `spoofed header ${Date.now()}`;
    await submitter('bob@beta.test', passwords.bob).sendMail({
      envelope: { from: 'bob@beta.test', to: ['carol@alpha.test'] },
      from: 'ceo@alpha.test',
      to: 'carol@alpha.test',
      subject,
      text: 'pretending to be alpha.test',
    });
    const result = await dkimVerify(await rawMessage('carol@alpha.test', passwords.carol, subject), { resolver });
    const domains = result.results.map((r) => r.signingDomain);
    expect(domains).toEqual(['beta.test']);
    expect(result.results[0]?.status.result).toBe('pass');
  });

  it("keeps hashes, keys, tables, logs and mail from a tenant's processes on the node", async () => {
    // A tenant process is any UID but root's, the mail UID's and the daemons': one that exists nowhere.
    const asTenant = (file: string) =>
      run('setpriv', ['--reuid', '700321', '--regid', '700321', '--clear-groups', 'cat', file]).then(
        () => 'read',
        (error: { stderr?: string }) =>
          /Permission denied/.test(error.stderr ?? '') ? 'denied' : String(error.stderr),
      );
    const files = [
      path.join(dir, 'dovecot', 'passdb'),
      path.join(dir, 'dovecot', 'userdb'),
      path.join(dir, 'dkim', 'keys', `alpha.test.${SELECTOR}.pem`),
      path.join(dir, 'tls', 'mail.key'),
      path.join(dir, 'postfix', 'mailboxes'),
      path.join(dir, 'logs', 'postfix.log'),
      path.join(dir, 'boxes', 'alpha.test', 'alice', 'Maildir', 'dovecot-uidlist'),
    ];
    expect(await Promise.all(files.map(asTenant))).toEqual(files.map(() => 'denied'));
  });

  it('refuses a spec with a bad address or hash and swaps nothing', async () => {
    const live = await readlink(path.join(dir, 'postfix'));
    const bad = spec();
    bad.mailboxes.push(mailbox('evil\n@alpha.test', hashes.alice!));
    await expect(activities.applyMailNode(bad)).rejects.toMatchObject({ type: 'MailRejected' });
    const plain = spec();
    plain.mailboxes[0] = mailbox('alice@alpha.test', 'plaintext');
    await expect(activities.applyMailNode(plain)).rejects.toMatchObject({ type: 'MailRejected' });
    expect(await readlink(path.join(dir, 'postfix'))).toBe(live);
  });
});
