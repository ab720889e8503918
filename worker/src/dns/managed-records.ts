// Managed records (issue 12): a bound FQDN under a zone its tenant holds here gets A/AAAA to its
// cluster's load balancer addresses; a mail domain on the zone gets MX, SPF, DKIM and DMARC
// (../mail/mail-records.ts). Computed from the database each time (FQDNs, zones, LB
// addresses), so a bind, an unbind, a new zone and an address change all converge the same way.
import { isIPv4, isIPv6 } from 'node:net';
import type { Db, DbTx } from '@hostplane/server/db';
import { appendEvent } from '@hostplane/server/events';
import { wantedMailRecords } from '../mail/mail-records.js';

/** TTL of managed records: short, so a load balancer address change spreads quickly. */
export const MANAGED_TTL = 300;

/** FQDNs whose names route (or are about to): the bind writes its record before it goes ACTIVE. */
const ROUTED_FQDN = { status: { in: ['PROVISIONING' as const, 'ACTIVE' as const] }, verifiedAt: { not: null } };

interface Wanted {
  name: string;
  type: 'A' | 'AAAA' | 'MX' | 'TXT';
  content: string;
  /** The fields as a tenant would have given them (default: the content). */
  value?: string;
  priority?: number | null;
  /** What it follows (default FQDN). */
  sourceType?: string;
  sourceId: string;
}

const isUnder = (name: string, zone: string) => name === zone || name.endsWith(`.${zone}`);
const groupKey = (r: { name: string; type: string }) => `${r.name}|${r.type}`;

/** The managed records the zone should hold now: its FQDNs' and its mail domain's. */
async function wantedIn(db: Db, zone: { id: string; name: string; tenantId: string }): Promise<Wanted[]> {
  return [...(await wantedForFqdns(db, zone)), ...(await wantedMailRecords(db, zone))];
}

async function wantedForFqdns(db: Db, zone: { id: string; name: string; tenantId: string }): Promise<Wanted[]> {
  const fqdns = await db.fqdn.findMany({
    where: {
      tenantId: zone.tenantId,
      ...ROUTED_FQDN,
      OR: [{ hostname: zone.name }, { hostname: { endsWith: `.${zone.name}` } }],
    },
    select: { id: true, hostname: true },
  });
  if (fqdns.length === 0) return [];
  // A deeper zone of the tenant holds the names under it.
  const deeper = await db.dnsZone.findMany({
    where: { tenantId: zone.tenantId, status: { notIn: ['DELETING', 'DELETED'] }, name: { endsWith: `.${zone.name}` } },
    select: { name: true },
  });
  // The tenant's own records at a name win over the managed ones (a CNAME there leaves none).
  const own = await db.dnsRecord.findMany({
    where: {
      zoneId: zone.id,
      managed: false,
      status: { notIn: ['DELETING', 'DELETED'] },
      type: { in: ['A', 'AAAA', 'CNAME'] },
    },
    select: { name: true, type: true },
  });
  const ownAt = new Set(own.map(groupKey));
  // The tenant's sites are served by the load balancers of its shard's cluster.
  const { shard } = await db.tenant.findUniqueOrThrow({
    where: { id: zone.tenantId },
    select: { shard: { select: { clusterId: true } } },
  });
  const addresses = await db.clusterLbAddress.findMany({
    where: { clusterId: shard.clusterId },
    orderBy: { address: 'asc' },
  });
  const wanted: Wanted[] = [];
  for (const f of fqdns) {
    if (deeper.some((d) => isUnder(f.hostname, d.name))) continue;
    if (ownAt.has(`${f.hostname}|CNAME`)) continue;
    for (const a of addresses) {
      const type = isIPv4(a.address) ? 'A' : isIPv6(a.address) ? 'AAAA' : null;
      if (!type || ownAt.has(`${f.hostname}|${type}`)) continue;
      wanted.push({ name: f.hostname, type, content: a.address, sourceId: f.id });
    }
  }
  return wanted;
}

/**
 * Makes the zone's managed rows what `wantedIn` says (new ones ACTIVE, gone ones DELETED, each
 * with its event) and answers the name/type groups that changed: the rrsets to write.
 */
export async function reconcileManagedRecords(
  db: Db,
  zone: { id: string; name: string; tenantId: string; brandId: string },
): Promise<Array<{ name: string; type: string }>> {
  const wanted = await wantedIn(db, zone);
  const existing = await db.dnsRecord.findMany({
    where: { zoneId: zone.id, managed: true, status: { not: 'DELETED' } },
    select: { id: true, name: true, type: true, content: true, sourceId: true },
  });
  const same = (a: { name: string; type: string; content: string; sourceId: string | null }, b: Wanted) =>
    a.name === b.name && a.type === b.type && a.content === b.content && a.sourceId === b.sourceId;
  const added = wanted.filter((w) => !existing.some((e) => same(e, w)));
  const removed = existing.filter((e) => !wanted.some((w) => same(e, w)));
  if (added.length === 0 && removed.length === 0) return [];
  const owner = { brandId: zone.brandId, tenantId: zone.tenantId, resourceType: 'DnsRecord' };
  await db.$transaction(async (tx: DbTx) => {
    for (const r of removed) {
      await tx.dnsRecord.update({ where: { id: r.id }, data: { status: 'DELETED' } });
      await appendEvent(tx, { ...owner, resourceId: r.id, kind: 'STATUS', status: 'DELETED' });
    }
    for (const w of added) {
      const row = await tx.dnsRecord.create({
        data: {
          zoneId: zone.id,
          tenantId: zone.tenantId,
          name: w.name,
          type: w.type,
          ttl: MANAGED_TTL,
          content: w.content,
          value: w.value ?? w.content,
          priority: w.priority ?? null,
          managed: true,
          sourceType: w.sourceType ?? 'FQDN',
          sourceId: w.sourceId,
          status: 'ACTIVE',
        },
      });
      await appendEvent(tx, { ...owner, resourceId: row.id, kind: 'CREATED', status: 'ACTIVE' });
    }
  });
  const groups = new Map([...added, ...removed].map((r) => [groupKey(r), { name: r.name, type: r.type }]));
  return [...groups.values()];
}

/** A tenant's zone as the managed records' bookkeeping reads it. */
export type TenantZone = { id: string; name: string; tenantId: string; tenant: { brandId: string } };

/**
 * The tenants' zones among `rows`: a brand's own zone has no managed records (FQDNs and mail
 * domains are tenants'; its service host names live in the brand's base zone).
 */
export function tenantZones(
  rows: Array<{ id: string; name: string; tenantId: string | null; tenant: { brandId: string } | null }>,
): TenantZone[] {
  return rows.flatMap((z) => (z.tenantId && z.tenant ? [{ ...z, tenantId: z.tenantId, tenant: z.tenant }] : []));
}

/** The ACTIVE zones (of the FQDN's tenant) a host name falls in; every ACTIVE tenant zone when none is given. */
export async function zonesCovering(db: Db, hostname: string | null, tenantId: string | null): Promise<TenantZone[]> {
  const labels = hostname ? hostname.split('.') : [];
  const suffixes = labels.map((_, i) => labels.slice(i).join('.'));
  const rows = await db.dnsZone.findMany({
    where: {
      status: 'ACTIVE',
      ...(hostname ? { name: { in: suffixes } } : {}),
      tenantId: tenantId ?? { not: null },
    },
    select: { id: true, name: true, tenantId: true, tenant: { select: { brandId: true } } },
  });
  return tenantZones(rows);
}
