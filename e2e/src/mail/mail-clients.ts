// Real mail clients against the platform's mail node (the local node is mail shard `local-mail`):
// nodemailer submits with authentication or delivers as an outside server would, imapflow reads.
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { getPlatform } from '../harness/platform.js';
import { lookup } from '../dns/resolver.js';

const mail = () => getPlatform().platformMail;

let root: string | null = null;
/**
 * STARTTLS verified for the node's host name against the root of the platform's ACME CA (Pebble
 * makes a new one at every start): logins travel only inside TLS.
 */
export const mailTls = () => ({
  ca: (root ??= readFileSync(getPlatform().acmeRootFile, 'utf8')),
  servername: mail().hostname,
  rejectUnauthorized: true,
});

/** Authenticated submission as `user`. */
export const submitter = (user: string, pass: string) =>
  nodemailer.createTransport({
    host: mail().address,
    port: mail().submissionPort,
    secure: false,
    requireTLS: true,
    tls: mailTls(),
    auth: { user, pass },
  });

/** An outside server delivering on port 25 (the node's SMTP port). */
export const inbound = () =>
  nodemailer.createTransport({ host: mail().address, port: mail().smtpPort, secure: false, ignoreTLS: true });

export async function imapLogin(user: string, pass: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: mail().address,
    port: mail().imapPort,
    secure: false,
    doSTARTTLS: true,
    servername: mail().hostname,
    tls: mailTls(),
    auth: { user, pass },
    logger: false,
  });
  await client.connect();
  return client;
}

/** Each message of the INBOX: subject and raw source. */
async function inbox(user: string, pass: string): Promise<Array<{ subject: string; source: Buffer }>> {
  const client = await imapLogin(user, pass);
  const messages: Array<{ subject: string; source: Buffer }> = [];
  try {
    const box = await client.mailboxOpen('INBOX');
    if (box.exists > 0) {
      for await (const m of client.fetch('1:*', { envelope: true, source: true })) {
        messages.push({ subject: m.envelope?.subject ?? '', source: m.source ?? Buffer.alloc(0) });
      }
    }
  } finally {
    await client.logout();
  }
  return messages;
}

/** The INBOX message whose subject matches, waiting up to `ms` for it; null when it never came. */
export async function awaitMessage(
  user: string,
  pass: string,
  subject: string | RegExp,
  ms = 20_000,
): Promise<{ subject: string; source: Buffer } | null> {
  const started = Date.now();
  for (;;) {
    const found = (await inbox(user, pass)).find((m) =>
      typeof subject === 'string' ? m.subject === subject : subject.test(m.subject),
    );
    if (found || Date.now() - started > ms) return found ?? null;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A mailauth resolver that asks the platform's PowerDNS (TXT only: what DKIM needs). */
export const platformResolver = async (name: string, type: string): Promise<string[][]> => {
  const values = type === 'TXT' ? await lookup(name, 'TXT') : [];
  if (values.length === 0) throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  return values.map((v) => [unquote(v)]);
};

/** dig's TXT data (`"a" "b"`) as the one string its chunks make. */
export const unquote = (txt: string): string =>
  [...txt.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1')).join('');
