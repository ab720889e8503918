// A mail node of the test's own (the agent's startMail on loopback ports, state in a temp folder)
// and the real clients the mail tests speak to it with: nodemailer submits, imapflow reads.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import type { MailActivities } from '@hostplane/contract/mail';
import { parseConfig, startMail } from '@hostplane/node-agent';
import { freePort } from '@hostplane/scripts/lib';
import { testCertificate } from './test-certificate.js';

const run = promisify(execFile);

/** Dovecot's Argon2id form of `password`, as the API makes it. */
export const hashOf = async (password: string) =>
  (await run('doveadm', ['pw', '-s', 'ARGON2ID', '-p', password])).stdout.trim();

export interface MailPorts {
  smtp: number;
  submission: number;
  imap: number;
  dkim: number;
  reply: number;
}

/** The host name test mail nodes answer as, and their certificate is for. */
export const TEST_MAIL_HOSTNAME = 'mx.platform.test';

/** The CA of the test nodes' certificates: what the clients below trust (set by startTestMailNode). */
let trustAnchor = '';

/** The CA the clients below trust. */
export const testMailCa = () => trustAnchor;

/** STARTTLS to the node, verified against the test CA for the node's host name. */
const tlsOptions = () => ({ ca: trustAnchor, servername: TEST_MAIL_HOSTNAME, rejectUnauthorized: true });

export interface TestMailNode {
  dir: string;
  ports: MailPorts;
  activities: MailActivities;
  close: () => Promise<void>;
}

/**
 * Starts a node's Postfix, Dovecot and OpenDKIM; `env` adds agent settings (e.g. the outbound
 * transport). Its applies carry a certificate for its host name unless the spec says `tls`
 * itself (undefined: none), as the worker's specs carry the platform's.
 */
export async function startTestMailNode(nodeId: string, env: Record<string, string> = {}): Promise<TestMailNode> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hp-mail-'));
  const ports: MailPorts = {
    smtp: await freePort(),
    submission: await freePort(),
    imap: await freePort(),
    dkim: await freePort(),
    reply: await freePort(),
  };
  const config = parseConfig({
    NODE_ID: nodeId,
    HOSTPLANE_MAIL_LISTEN: '127.0.0.1',
    HOSTPLANE_MAIL_HOSTNAME: TEST_MAIL_HOSTNAME,
    HOSTPLANE_MAIL_SMTP_PORT: String(ports.smtp),
    HOSTPLANE_MAIL_SUBMISSION_PORT: String(ports.submission),
    HOSTPLANE_MAIL_IMAP_PORT: String(ports.imap),
    HOSTPLANE_MAIL_DKIM_PORT: String(ports.dkim),
    HOSTPLANE_MAIL_REPLY_PORT: String(ports.reply),
    HOSTPLANE_MAIL_DIR: dir,
    ...env,
  });
  const mail = await startMail(config, pino({ level: 'silent' }));
  const { tls, caPem } = await testCertificate(TEST_MAIL_HOSTNAME);
  trustAnchor = caPem;
  return {
    dir,
    ports,
    activities: {
      ...mail.activities,
      applyMailNode: (spec) => mail.activities.applyMailNode('tls' in spec ? spec : { ...spec, tls }),
    },
    close: async () => {
      await mail.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Authenticated submission (port 587's role) as `user`; `pooled` keeps one connection (one login). */
export const submitter = (ports: MailPorts, user: string, pass: string, pooled = false) =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: ports.submission,
    secure: false,
    requireTLS: true,
    tls: tlsOptions(),
    auth: { user, pass },
    ...(pooled && { pool: true, maxConnections: 1, maxMessages: Infinity }),
  });

/** Inbound SMTP (port 25's role), as the outside world delivers. */
export const inbound = (ports: MailPorts) =>
  nodemailer.createTransport({ host: '127.0.0.1', port: ports.smtp, secure: false, ignoreTLS: true });

export async function imapLogin(ports: MailPorts, user: string, pass: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port: ports.imap,
    secure: false,
    doSTARTTLS: true,
    servername: TEST_MAIL_HOSTNAME,
    tls: tlsOptions(),
    auth: { user, pass },
    logger: false,
  });
  await client.connect();
  return client;
}

/** The subjects in a mailbox's INBOX, waiting up to 10 s for `expected` to show. */
export async function inboxSubjects(
  ports: MailPorts,
  user: string,
  pass: string,
  expected?: string,
): Promise<string[]> {
  for (let i = 0; ; i++) {
    const client = await imapLogin(ports, user, pass);
    const subjects: string[] = [];
    try {
      const box = await client.mailboxOpen('INBOX');
      if (box.exists > 0) {
        for await (const m of client.fetch('1:*', { envelope: true })) subjects.push(m.envelope?.subject ?? '');
      }
    } finally {
      await client.logout();
    }
    if (!expected || subjects.includes(expected) || i >= 50) return subjects;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The raw message with `subject` in a mailbox's INBOX (waits for it like inboxSubjects). */
export async function rawMessage(ports: MailPorts, user: string, pass: string, subject: string): Promise<Buffer> {
  if (!(await inboxSubjects(ports, user, pass, subject)).includes(subject)) throw new Error(`no message ${subject}`);
  const client = await imapLogin(ports, user, pass);
  try {
    await client.mailboxOpen('INBOX');
    for await (const m of client.fetch('1:*', { envelope: true, source: true })) {
      if (m.envelope?.subject === subject && m.source) return m.source;
    }
    throw new Error(`no message ${subject}`);
  } finally {
    await client.logout();
  }
}
