// Issue 13 (mail), the node role's routing: aliases, the catch-all, forwards (with and without a
// copy) and Sieve auto-replies, driven through applyMailNode on a node of the test's own whose
// outbound transport is a capture sink the test owns (so "leaves the node" is observable and
// nothing leaves the machine). Real clients: nodemailer on port 25's role, imapflow reads.
import { readdir, readFile, stat } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailboxSpec, MailNodeSpec } from '@hostplane/contract/mail';
import { appendFileAs, readFileAs } from '../security/tenant-process.js';
import { startCaptureSink, type CaptureSink } from './capture-sink.js';
import { hashOf, inboxSubjects, inbound, startTestMailNode, type TestMailNode } from './mail-node-harness.js';

const PASSWORD = 'routing-pass-1';
let hash: string;
let node: TestMailNode;
let sink: CaptureSink;

const box = (address: string, extra: Partial<MailboxSpec> = {}): MailboxSpec => ({
  address,
  passwordHash: hash,
  quotaBytes: 10 * 1024 * 1024,
  loginEnabled: true,
  ...extra,
});

/** The body the injection test sends: quotes, backslashes, a lone `.` line and Sieve syntax. */
const HOSTILE_BODY = 'He said "stop";\\ back \\"\n.\n}\ndiscard;\nkeep;\r\nlast line';
const HOSTILE_SUBJECT = 'Away" ; discard ; vacation "x';

function spec(extra: { mailboxes?: MailboxSpec[]; without?: string[] } = {}): MailNodeSpec {
  const mailboxes = [
    box('alice@alpha.test'),
    box('carol@alpha.test'),
    box('dave@alpha.test', { forward: { to: ['erin@beta.test', 'far@outside.test'], keepCopy: true } }),
    box('frank@alpha.test', { forward: { to: ['erin@beta.test'], keepCopy: false } }),
    box('erin@beta.test'),
    box('grace@beta.test', { autoReply: { subject: 'Out of office', body: 'Back on Monday.', intervalDays: 3 } }),
    box('heidi@beta.test', {
      autoReply: { subject: 'Old', body: 'Was away.', startDate: '2020-01-01', endDate: '2020-01-31', intervalDays: 1 },
    }),
    box('ivan@beta.test', {
      autoReply: { subject: 'Later', body: 'Not yet.', startDate: '2999-01-01', intervalDays: 1 },
    }),
    box('judy@beta.test', { autoReply: { subject: HOSTILE_SUBJECT, body: HOSTILE_BODY, intervalDays: 1 } }),
    box('mallory@beta.test'),
    ...(extra.mailboxes ?? []),
  ].filter((m) => !extra.without?.includes(m.address));
  return {
    domains: [
      { name: 'alpha.test', receiving: true },
      { name: 'beta.test', receiving: true },
    ],
    mailboxes,
    aliases: [
      { address: 'team@alpha.test', targets: ['alice@alpha.test', 'carol@alpha.test'] },
      { address: 'sales@alpha.test', targets: ['carol@alpha.test'] },
      { address: '@alpha.test', targets: ['alice@alpha.test'] },
      { address: 'ooo@beta.test', targets: ['grace@beta.test'] },
    ],
  };
}

const send = (to: string, subject: string, from = 'someone@outside.test') =>
  inbound(node.ports).sendMail({ from, to, subject, text: `to ${to}` });
const subjectsOf = (address: string, expected?: string) => inboxSubjects(node.ports, address, PASSWORD, expected);
const unique = (what: string) => `${what} ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
/** What came out of the node as an auto-reply to `sender`. */
const repliesTo = (sender: string) => sink.messages.filter((m) => m.to.includes(sender) && m.from === '');
const settle = () => new Promise((r) => setTimeout(r, 2_000));

beforeAll(async () => {
  hash = await hashOf(PASSWORD);
  sink = await startCaptureSink();
  node = await startTestMailNode('mail-routing-test', {
    HOSTPLANE_MAIL_OUTBOUND_TRANSPORT: `smtp:[127.0.0.1]:${sink.port}`,
  });
  expect((await node.activities.applyMailNode(spec())).changed).toBe(true);
}, 60_000);

afterAll(async () => {
  await node?.close();
  await sink?.close();
}, 60_000);

describe('mail node routing: aliases, catch-all, forwards', () => {
  it('delivers mail to an alias to each of its mailboxes', async () => {
    const subject = unique('team');
    await send('team@alpha.test', subject);
    expect(await subjectsOf('alice@alpha.test', subject)).toContain(subject);
    expect(await subjectsOf('carol@alpha.test', subject)).toContain(subject);
  });

  it('gives the catch-all unknown local parts, never the mail of a mailbox or an alias', async () => {
    const unknown = unique('unknown');
    const toCarol = unique('carol own');
    const toSales = unique('sales alias');
    await send('nobody-here@alpha.test', unknown);
    await send('carol@alpha.test', toCarol);
    await send('sales@alpha.test', toSales);
    expect(await subjectsOf('alice@alpha.test', unknown)).toContain(unknown);
    const carol = await subjectsOf('carol@alpha.test', toSales);
    expect(carol).toEqual(expect.arrayContaining([toCarol, toSales]));
    const alice = await subjectsOf('alice@alpha.test');
    expect(alice).not.toContain(toCarol);
    expect(alice).not.toContain(toSales);
  });

  it('refuses an unknown address of a domain without a catch-all', async () => {
    await expect(send('nobody-here@beta.test', unique('unknown beta'))).rejects.toThrow(/550|User unknown/);
  });

  it('keeps a copy of a forward in the mailbox and relays it to hosted and outside targets', async () => {
    const subject = unique('forward copy');
    await send('dave@alpha.test', subject, 'writer@outside.test');
    expect(await subjectsOf('dave@alpha.test', subject)).toContain(subject);
    expect(await subjectsOf('erin@beta.test', subject)).toContain(subject);
    const [relayed] = await sink.waitFor((m) => m.data.includes(`Subject: ${subject}`));
    // The outside copy leaves with the original sender and only the outside recipient.
    expect(relayed).toMatchObject({ from: 'writer@outside.test', to: ['far@outside.test'] });
  });

  it('delivers a forward without copy only to its target', async () => {
    const subject = unique('forward only');
    await send('frank@alpha.test', subject);
    expect(await subjectsOf('erin@beta.test', subject)).toContain(subject);
    expect(await subjectsOf('frank@alpha.test')).not.toContain(subject);
  });
});

describe('mail node auto-replies (Sieve vacation)', () => {
  it('answers once per sender within the interval, also for mail through an alias', async () => {
    const first = unique('first');
    await send('grace@beta.test', first, 'asker@outside.test');
    expect(await subjectsOf('grace@beta.test', first)).toContain(first);
    const [reply] = await sink.waitFor((m) => m.to.includes('asker@outside.test') && m.from === '');
    expect(reply!.data).toMatch(/^Subject: Out of office/m);
    expect(reply!.data).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(reply!.data).toContain('Back on Monday.');
    const second = unique('second');
    await send('grace@beta.test', second, 'asker@outside.test');
    expect(await subjectsOf('grace@beta.test', second)).toContain(second);
    const viaAlias = unique('via alias');
    await send('ooo@beta.test', viaAlias, 'other@outside.test');
    await sink.waitFor((m) => m.to.includes('other@outside.test') && m.from === '');
    await settle();
    expect(repliesTo('asker@outside.test')).toHaveLength(1);
    // LMTP ran the agent's compiled binary: it never had to recompile (and could not have saved).
    expect(await readFile(path.join(node.dir, 'logs', 'dovecot.log'), 'utf8')).not.toMatch(/sieve: binary .* save/);
  });

  it("relays through the auto-reply listener only null-sender mail, not a sender's", async () => {
    const replies = nodemailer.createTransport({
      host: '127.0.0.1',
      port: node.ports.reply,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      replies.sendMail({ from: 'spammer@outside.test', to: 'victim@far.test', subject: 'relay?', text: 'x' }),
    ).rejects.toThrow(/554|Access denied|reject/i);
  });

  it('sends nothing outside the date range', async () => {
    const past = unique('past range');
    const future = unique('future range');
    await send('heidi@beta.test', past, 'early@outside.test');
    await send('ivan@beta.test', future, 'early@outside.test');
    expect(await subjectsOf('heidi@beta.test', past)).toContain(past);
    expect(await subjectsOf('ivan@beta.test', future)).toContain(future);
    await settle();
    expect(repliesTo('early@outside.test')).toEqual([]);
  });

  it("cannot be turned into Sieve code through the tenant's subject or body", async () => {
    const subject = unique('hostile');
    await send('judy@beta.test', subject, 'prober@outside.test');
    // The message was kept: an injected `discard` would have dropped it.
    expect(await subjectsOf('judy@beta.test', subject)).toContain(subject);
    const [reply] = await sink.waitFor((m) => m.to.includes('prober@outside.test') && m.from === '');
    const text = reply!.data.slice(reply!.data.indexOf('\r\n\r\n') + 4);
    expect(reply!.data).toContain(`Subject: ${HOSTILE_SUBJECT}`);
    expect(text.replace(/\r\n/g, '\n')).toContain(HOSTILE_BODY.replace(/\r\n/g, '\n'));
  });
});

describe('mail node spec checks, data removal and file modes', () => {
  const refused = (s: MailNodeSpec) =>
    expect(node.activities.applyMailNode(s)).rejects.toMatchObject({ type: 'MailRejected' });

  it('refuses bad aliases, forwards and auto-replies', async () => {
    const withAlias = (address: string, targets: string[]) => {
      const s = spec();
      s.aliases!.push({ address, targets });
      return s;
    };
    await refused(withAlias('alice@alpha.test', ['carol@alpha.test'])); // over a mailbox
    await refused(withAlias('team@alpha.test', ['carol@alpha.test'])); // twice
    await refused(withAlias('x@alpha.test', ['ghost@beta.test'])); // nothing holds it
    await refused(withAlias('x@gamma.test', ['alice@alpha.test'])); // not a domain of the node
    await refused(withAlias('x@alpha.test', ['bad address@else.test']));
    await refused(withAlias('x@alpha.test', []));
    await refused(withAlias('x@alpha.test', ['x@alpha.test']));
    await refused(withAlias('@beta.test\nroot@beta.test', ['alice@alpha.test']));
    const loop = spec();
    loop.aliases!.push(
      { address: 'a@beta.test', targets: ['b@beta.test'] },
      { address: 'b@beta.test', targets: ['a@beta.test'] },
    );
    await refused(loop);
    await refused(
      spec({
        mailboxes: [box('kim@alpha.test', { forward: { to: ['team@alpha.test', 'kim@alpha.test'], keepCopy: true } })],
      }),
    );
    await refused(
      spec({ mailboxes: [box('kim@alpha.test', { autoReply: { subject: 'a\nb', body: 'x', intervalDays: 1 } })] }),
    );
    await refused(
      spec({ mailboxes: [box('kim@alpha.test', { autoReply: { subject: 'a', body: 'x', intervalDays: 31 } })] }),
    );
    await refused(
      spec({
        mailboxes: [
          box('kim@alpha.test', { autoReply: { subject: 'a', body: 'x', startDate: '2026-02-30', intervalDays: 1 } }),
        ],
      }),
    );
    expect((await node.activities.applyMailNode(spec())).changed).toBe(false);
  });

  it("deletes a removed mailbox's mail once it left the spec, never a live one's", async () => {
    const subject = unique('to be deleted');
    await node.activities.applyMailNode(
      spec({ mailboxes: [box('leaver@alpha.test', { autoReply: { subject: 'x', body: 'y', intervalDays: 1 } })] }),
    );
    await send('leaver@alpha.test', subject);
    expect(await subjectsOf('leaver@alpha.test', subject)).toContain(subject);
    const home = path.join(node.dir, 'boxes', 'alpha.test', 'leaver');
    await expect(node.activities.removeMailboxData(['leaver@alpha.test'])).rejects.toMatchObject({
      type: 'MailRejected',
    });
    expect((await stat(home)).isDirectory()).toBe(true);
    await node.activities.applyMailNode(spec());
    expect(await node.activities.removeMailboxData(['leaver@alpha.test'])).toEqual({ removed: ['leaver@alpha.test'] });
    await expect(stat(home)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await node.activities.removeMailboxData(['leaver@alpha.test'])).toEqual({ removed: [] });
    await expect(node.activities.removeMailboxData(['../../dovecot@alpha.test'])).rejects.toMatchObject({
      type: 'MailRejected',
    });
    await expect(node.activities.removeMailboxData(['x@..'])).rejects.toMatchObject({ type: 'MailRejected' });
    expect((await readdir(path.join(node.dir, 'boxes', 'alpha.test'))).sort()).toContain('alice');
  });

  it("keeps Sieve scripts and the alias table from a tenant's processes", async () => {
    const tenant = 700_321; // a UID like a tenant's: not root, not the mail UID, not a daemon's
    const files = [
      path.join(node.dir, 'sieve', 'beta.test', 'grace.sieve'),
      path.join(node.dir, 'sieve', 'beta.test', 'grace.svbin'),
      path.join(node.dir, 'postfix', 'aliases'),
      path.join(node.dir, 'postfix', 'aliases.db'),
    ];
    expect(await Promise.all(files.map((f) => readFileAs(tenant, f)))).toEqual(files.map(() => 'EACCES'));
    const writes = [...files, path.join(node.dir, 'sieve', 'beta.test', 'new.sieve')];
    expect(await Promise.all(writes.map((f) => appendFileAs(tenant, f)))).toEqual(writes.map(() => 'EACCES'));
  });
});
