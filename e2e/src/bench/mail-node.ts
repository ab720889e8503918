// Mail figures (issue 13), at node level: a mail node of the bench's own (the agent's Postfix,
// Dovecot and OpenDKIM on loopback ports), driven through its activity with real clients.
// (1) SMTP accept → visible over IMAP, p50/p99; (2) messages a second through authenticated
// submission (DKIM-signed) → LMTP with parallel clients; (3) 1,000 mailboxes with aliases and a
// catch-all: applying the spec, then re-applying it with one mailbox changed.
import type { ImapFlow } from 'imapflow';
import type { MailboxSpec, MailNodeSpec } from '@hostplane/contract/mail';
import {
  hashOf,
  imapLogin,
  inbound,
  startTestMailNode,
  submitter,
  type TestMailNode,
} from '../mail/mail-node-harness.js';
import { load, ms, percentile, report } from './stats.js';

const LATENCY_MESSAGES = 200;
const THROUGHPUT_MESSAGES = 1_000;
const THROUGHPUT_CLIENTS = 4;
const MAILBOXES = 1_000;
const PASSWORD = 'bench-mail-pass';

function bigSpec(hash: string, changedQuota = 50 * 1024 * 1024): MailNodeSpec {
  const mailboxes: MailboxSpec[] = Array.from({ length: MAILBOXES }, (_, i) => ({
    address: `user${i}@d${i % 10}.bench.test`,
    passwordHash: hash,
    quotaBytes: i === 0 ? changedQuota : 50 * 1024 * 1024,
    loginEnabled: true,
    ...(i % 50 === 1 && { autoReply: { subject: 'Away', body: `Mailbox ${i} is away.`, intervalDays: 7 } }),
    ...(i % 100 === 2 && { forward: { to: [`user${i + 1}@d${(i + 1) % 10}.bench.test`], keepCopy: true } }),
  }));
  return {
    domains: Array.from({ length: 10 }, (_, d) => ({ name: `d${d}.bench.test`, receiving: true })),
    mailboxes,
    aliases: [
      // One alias per two mailboxes, and a catch-all on one domain (its mailboxes get self-entries).
      ...Array.from({ length: MAILBOXES / 2 }, (_, i) => ({
        address: `alias${i}@d${(2 * i) % 10}.bench.test`,
        targets: [`user${2 * i}@d${(2 * i) % 10}.bench.test`],
      })),
      { address: '@d9.bench.test', targets: ['user9@d9.bench.test'] },
    ],
  };
}

async function timed<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

async function messagesIn(imap: ImapFlow): Promise<number> {
  const status = await imap.status('INBOX', { messages: true });
  return status ? (status.messages ?? 0) : 0;
}

/** Waits until `imap`'s INBOX holds `count` messages, asking every `everyMs`. */
async function untilMessages(imap: ImapFlow, count: number, everyMs: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await messagesIn(imap)) < count) {
    if (Date.now() > deadline) throw new Error(`mail bench: fewer than ${count} messages after ${timeoutMs} ms`);
    if (everyMs) await new Promise((r) => setTimeout(r, everyMs));
  }
}

async function acceptToVisible(node: TestMailNode): Promise<number[]> {
  const imap = await imapLogin(node.ports, 'user3@d3.bench.test', PASSWORD);
  const smtp = inbound(node.ports);
  const times: number[] = [];
  try {
    const before = await messagesIn(imap);
    for (let i = 0; i < LATENCY_MESSAGES; i++) {
      await smtp.sendMail({
        from: 'bench@outside.test',
        to: 'user3@d3.bench.test',
        subject: `latency ${i}`,
        text: 'x',
      });
      const accepted = performance.now();
      await untilMessages(imap, before + i + 1, 0);
      times.push(performance.now() - accepted);
    }
  } finally {
    smtp.close();
    await imap.logout();
  }
  return times;
}

/** Messages a second from THROUGHPUT_CLIENTS authenticated senders until all are in their INBOXes. */
async function submissionThroughput(node: TestMailNode): Promise<number> {
  const recipients = Array.from({ length: THROUGHPUT_CLIENTS }, (_, c) => `user${20 + c}@d${c}.bench.test`);
  const readers = await Promise.all(recipients.map((r) => imapLogin(node.ports, r, PASSWORD)));
  try {
    const before = await Promise.all(readers.map(messagesIn));
    const perClient = THROUGHPUT_MESSAGES / THROUGHPUT_CLIENTS;
    const start = performance.now();
    await Promise.all(
      recipients.map(async (to, c) => {
        const sender = `user${40 + c}@d${c}.bench.test`;
        // One connection and one login per client: each Argon2id login costs more than a message.
        const transport = submitter(node.ports, sender, PASSWORD, true);
        for (let i = 0; i < perClient; i++)
          await transport.sendMail({ from: sender, to, subject: `tp ${i}`, text: 'x' });
        transport.close();
      }),
    );
    await Promise.all(readers.map((imap, c) => untilMessages(imap, before[c]! + perClient, 20)));
    return (THROUGHPUT_MESSAGES / (performance.now() - start)) * 1000;
  } finally {
    await Promise.all(readers.map((imap) => imap.logout()));
  }
}

export async function benchMailNode(): Promise<void> {
  const hash = await hashOf(PASSWORD);
  const node = await startTestMailNode('bench-mail');
  try {
    const rows: [string, string][] = [];
    const row = (name: string, value: string) => {
      rows.push([name, value]);
      process.stderr.write(`mail bench: ${name} ${value}\n`);
    };
    const apply = await timed(() => node.activities.applyMailNode(bigSpec(hash)));
    row(`apply ${MAILBOXES} mailboxes, ${MAILBOXES / 2 + 1} aliases (fresh)`, ms(apply));
    const same = await timed(() => node.activities.applyMailNode(bigSpec(hash)));
    row('re-apply, nothing changed', ms(same));
    const one = await timed(() => node.activities.applyMailNode(bigSpec(hash, 60 * 1024 * 1024)));
    row('re-apply, one mailbox changed (quota)', ms(one));
    const latency = await acceptToVisible(node);
    row(`SMTP accept → IMAP visible p50 (${LATENCY_MESSAGES} msgs)`, ms(percentile(latency, 50)));
    row('SMTP accept → IMAP visible p99', ms(percentile(latency, 99)));
    const rate = await submissionThroughput(node);
    row(`submission → LMTP, ${THROUGHPUT_CLIENTS} clients, ${THROUGHPUT_MESSAGES} msgs`, `${rate.toFixed(1)} msg/s`);
    row('load average (1/5/15 min)', load());
    report('Mail (one node: Postfix + Dovecot + OpenDKIM)', rows);
  } finally {
    await node.close();
  }
}
