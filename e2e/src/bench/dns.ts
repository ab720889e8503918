// DNS figures (issue 12), against the bench platform's own PowerDNS (DNS shard `local-dns`):
// (1) a record change → PowerDNS answers it: createDnsRecord until a query returns the address,
// p50/p99; (2) a zone of 10,000 records: the time its sync writes it (one POST through the HTTP
// API), then query latency in it beside a one-record zone's (the baseline).
import { randomBytes, randomUUID } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { CreateDnsRecordDocument, CreateDnsZoneDocument, RetryDnsZoneDocument, waitFor } from '@hostplane/schema/sdk';
import { createDb, type Db } from '@hostplane/server/db';
import type { Platform } from '../harness/platform.js';
import { adminClient } from './admin-client.js';
import { load, ms, percentile, report } from './stats.js';

const CHANGES = 50;
const BIG_ZONE = 10_000;
const QUERIES = 2_000;

/** A tenant row of a brand of its own (DNS and mail need no Linux user: straight into the database). */
export async function benchTenant(db: Db, tag: string, kind = 'dns') {
  const brand = await db.brand.create({
    data: {
      name: `bench-${kind}-${tag}`,
      baseHostname: `${tag}.${kind}.test`,
      nsHostnames: [`ns1.${tag}.${kind}.test`, `ns2.${tag}.${kind}.test`],
      hostmasterEmail: `hostmaster@${tag}.${kind}.test`,
    },
  });
  const shard = await db.shard.findFirstOrThrow({ where: { role: 'WEB' } });
  return db.tenant.create({
    data: {
      brandId: brand.id,
      shardId: shard.id,
      name: `t_${randomUUID().replaceAll('-', '').slice(0, 10)}`,
      status: 'ACTIVE',
    },
  });
}

/** Milliseconds of each of `names` resolved once (A), in order. */
async function queryTimes(resolver: Resolver, names: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const name of names) {
    const start = performance.now();
    await resolver.resolve4(name);
    times.push(performance.now() - start);
  }
  return times;
}

export async function benchDns(platform: Platform): Promise<void> {
  const c = adminClient(platform);
  const db = createDb(platform.databaseUrl, { max: 2 });
  const resolver = new Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers([platform.platformDns]);
  const tag = randomBytes(4).toString('hex');
  const rows: [string, string][] = [];
  try {
    const tenant = await benchTenant(db, tag);
    const tenantId = Buffer.from(`Tenant:${tenant.id}`).toString('base64url');
    const zoneName = `changes-${tag}.example`;
    const { createDnsZone } = await c.mutate(CreateDnsZoneDocument, { input: { tenantId, name: zoneName } });
    await waitFor(c, createDnsZone.dnsZone!.id, ['ACTIVE'], { timeoutMs: 60_000 });

    // (1) record change → answered
    const answered: number[] = [];
    const active: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const name = `r${i}.${zoneName}`;
      const start = performance.now();
      const { createDnsRecord } = await c.mutate(CreateDnsRecordDocument, {
        input: { zoneId: createDnsZone.dnsZone!.id, name: `r${i}`, type: 'A', value: `192.0.2.${(i % 250) + 1}` },
      });
      const watching = waitFor(c, createDnsRecord.dnsRecord!.id, ['ACTIVE'], { timeoutMs: 30_000 }).then(() =>
        active.push(performance.now() - start),
      );
      for (;;) {
        const found = await resolver.resolve4(name).catch(() => []);
        if (found.length) break;
        await new Promise((r) => setTimeout(r, 5));
      }
      answered.push(performance.now() - start);
      await watching;
    }
    rows.push([
      'dns: createDnsRecord → ACTIVE',
      `p50 ${ms(percentile(active, 50))}, p99 ${ms(percentile(active, 99))} (${CHANGES} records)`,
    ]);
    rows.push([
      'dns: createDnsRecord → answered by PowerDNS',
      `p50 ${ms(percentile(answered, 50))}, p99 ${ms(percentile(answered, 99))}`,
    ]);

    // (2) a zone of 10,000 records, written whole by its sync (the kit's retry of a CREATE)
    const bigName = `big-${tag}.example`;
    const big = await db.dnsZone.create({
      data: { tenantId: tenant.id, name: bigName, status: 'FAILED', lastOperation: 'CREATE' },
    });
    await db.dnsRecord.createMany({
      data: Array.from({ length: BIG_ZONE }, (_, i) => ({
        zoneId: big.id,
        tenantId: tenant.id,
        name: `h${i}.${bigName}`,
        type: 'A',
        ttl: 3600,
        content: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
        status: 'ACTIVE' as const,
      })),
    });
    const bigId = Buffer.from(`DnsZone:${big.id}`).toString('base64url');
    const start = performance.now();
    await c.mutate(RetryDnsZoneDocument, { input: { id: bigId } });
    await waitFor(c, bigId, ['ACTIVE'], { timeoutMs: 600_000 });
    rows.push([
      `dns: zone of ${BIG_ZONE.toLocaleString('en')} records → ACTIVE (written to PowerDNS)`,
      ms(performance.now() - start),
    ]);

    const pick = (count: number, of: (i: number) => string) =>
      Array.from({ length: count }, () => of(Math.floor(Math.random() * BIG_ZONE)));
    await queryTimes(
      resolver,
      pick(100, (i) => `h${i}.${bigName}`),
    ); // warm-up
    const inBig = await queryTimes(
      resolver,
      pick(QUERIES, (i) => `h${i}.${bigName}`),
    );
    const inSmall = await queryTimes(
      resolver,
      pick(QUERIES, (i) => `r${i % CHANGES}.${zoneName}`),
    );
    rows.push([
      `dns: A query in the ${BIG_ZONE.toLocaleString('en')}-record zone (random names)`,
      `p50 ${ms(percentile(inBig, 50))}, p99 ${ms(percentile(inBig, 99))} (${QUERIES} queries)`,
    ]);
    rows.push([
      `dns: A query in a ${CHANGES}-record zone (baseline)`,
      `p50 ${ms(percentile(inSmall, 50))}, p99 ${ms(percentile(inSmall, 99))}`,
    ]);
    rows.push(['load average', load()]);
    report('DNS (PowerDNS of the DNS shard)', rows);
  } finally {
    await db.$disconnect();
    await c.close();
  }
}
