// Mail figures (issue 13), against the bench platform's mail node (mail shard `local-mail`):
// 1,000 mailboxes created through the API — the time until every one is ACTIVE (each create
// asks the node's one sync workflow, which applies the whole spec and answers all requests it
// covered); then a convergeShard of the mail shard (the whole
// spec of 1,000 mailboxes applied again) — its duration.
import { randomBytes } from 'node:crypto';
import {
  ConvergeShardDocument,
  CreateDnsZoneDocument,
  CreateMailboxDocument,
  CreateMailDomainDocument,
  GetShardDocument,
  waitFor,
} from '@hostplane/schema/sdk';
import { createDb } from '@hostplane/server/db';
import type { Platform } from '../harness/platform.js';
import { adminClient } from './admin-client.js';
import { benchTenant } from './dns.js';
import { load, ms, report } from './stats.js';

const MAILBOXES = 1_000;
// 16 in flight overran Prisma's 5 s interactive transaction on a loaded 2-core machine: each create hashes
// Argon2id (64 MiB, WASM) on the API's event loop, and one tenant's inserts queue on its quota lock.
const CONCURRENCY = 4;

/** Runs `task` over 0..count-1 with `width` in flight. */
async function pool(count: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export async function benchMail(platform: Platform): Promise<void> {
  const c = adminClient(platform);
  const db = createDb(platform.databaseUrl, { max: 2 });
  const tag = randomBytes(4).toString('hex');
  const rows: [string, string][] = [];
  try {
    const tenant = await benchTenant(db, tag, 'mail');
    const tenantId = Buffer.from(`Tenant:${tenant.id}`).toString('base64url');
    const { createDnsZone } = await c.mutate(CreateDnsZoneDocument, {
      input: { tenantId, name: `bench-${tag}.example` },
    });
    await waitFor(c, createDnsZone.dnsZone!.id, ['ACTIVE'], { timeoutMs: 60_000 });
    const { createMailDomain } = await c.mutate(CreateMailDomainDocument, {
      input: { zoneId: createDnsZone.dnsZone!.id },
    });
    const domainId = createMailDomain.mailDomain!.id;
    await waitFor(c, domainId, ['ACTIVE'], { timeoutMs: 120_000 });

    const start = performance.now();
    const created: number[] = [];
    const ids: string[] = [];
    await pool(MAILBOXES, CONCURRENCY, async (i) => {
      const t = performance.now();
      const { createMailbox } = await c.mutate(CreateMailboxDocument, {
        input: { domainId, localPart: `user${i}`, password: `bench-password-${i}`, quotaBytes: 10 * 1024 * 1024 },
      });
      created.push(performance.now() - t);
      ids.push(createMailbox.mailbox!.id);
    });
    const submitted = performance.now() - start;
    for (const id of ids) await waitFor(c, id, ['ACTIVE'], { timeoutMs: 900_000 });
    const allActive = performance.now() - start;
    const sorted = [...created].sort((a, b) => a - b);
    rows.push([
      `mail: ${MAILBOXES} createMailbox (${CONCURRENCY} in flight, Argon2id in the API)`,
      `${ms(submitted)} (p50 ${ms(sorted[Math.floor(sorted.length / 2)]!)} each)`,
    ]);
    rows.push([`mail: ${MAILBOXES} mailboxes → all ACTIVE (applied on the node)`, ms(allActive)]);

    const shard = await db.shard.findFirstOrThrow({ where: { role: 'EMAIL' } });
    const shardId = Buffer.from(`Shard:${shard.id}`).toString('base64url');
    const converging = performance.now();
    const { convergeShard } = await c.mutate(ConvergeShardDocument, { input: { shardId } });
    const runId = convergeShard.convergence!.id;
    for (;;) {
      const { shard: s } = await c.query(GetShardDocument, { id: shardId, lastRuns: 5 });
      const run = s.convergences.find((r) => r.id === runId);
      if (run?.finishedAt) {
        rows.push([
          `mail: convergeShard of the mail shard (${MAILBOXES}+ mailboxes)`,
          `${ms(performance.now() - converging)} (ok: ${run.ok})`,
        ]);
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    rows.push(['load', load()]);
  } finally {
    await db.$disconnect();
  }
  report('mail', rows);
}
