// The DNS workflows' control-plane side: plan reads (whole zones and single rrsets, from the
// database), what the DNS nodes answered, and the managed records' bookkeeping.
import { ApplicationFailure } from '@temporalio/activity';
import type { DnsEndpoint, DnsRrset, DnsSecKey, DnsZoneSpec } from '@hostplane/contract/dns';
import type { Db } from '@hostplane/server/db';
import type { SecretsVault } from '@hostplane/server/secrets';
import { brandZoneSpec } from './brand-zones.js';
import { forgetDnssecKeys, keepDnssecKeys, keptDnssecKeys } from './dnssec-keys.js';
import { reconcileManagedRecords, tenantZones, zonesCovering, type TenantZone } from './managed-records.js';
import { apexRrsets } from './soa.js';

/** Records that are, or are about to be, in the zone (a FAILED delete was asked to go). */
const WANTED = {
  status: { notIn: ['DELETING' as const, 'DELETED' as const] },
  NOT: { status: 'FAILED' as const, lastOperation: 'DELETE' },
};
const SOA_TTL = 3600;

/** A zone's rrsets on the DNS nodes, per patch. */
export interface DnsPatch {
  zone: string;
  nodeIds: string[];
  rrsets: DnsRrset[];
}

const dot = (name: string) => `${name}.`;

/** Every node of a DNS shard: each serves every zone. */
async function dnsNodeIds(db: Db): Promise<string[]> {
  const rows = await db.nodeShard.findMany({ where: { shard: { role: 'DNS' } }, select: { nodeId: true } });
  const ids = [...new Set(rows.map((r) => r.nodeId))].sort();
  if (ids.length === 0) throw ApplicationFailure.nonRetryable('no node serves the DNS role', 'NoDnsNodes');
  return ids;
}

type RecordRow = { name: string; type: string; ttl: number; content: string };

/** Rows grouped into rrsets by name and type (a group without rows: its rrset deleted). */
function grouped(rows: RecordRow[], groups: Array<{ name: string; type: string }>): DnsRrset[] {
  const byGroup = new Map<string, RecordRow[]>(groups.map((g) => [`${g.name}|${g.type}`, []]));
  for (const row of rows) byGroup.get(`${row.name}|${row.type}`)?.push(row);
  return groups.map((g) => {
    const of = byGroup.get(`${g.name}|${g.type}`) ?? [];
    return {
      name: dot(g.name),
      type: g.type as DnsRrset['type'],
      ttl: of.length ? Math.min(...of.map((r) => r.ttl)) : SOA_TTL,
      records: [...new Set(of.map((r) => r.content))],
    };
  });
}

const RECORD_FIELDS = { name: true, type: true, ttl: true, content: true } as const;
const RECORD_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The rrsets of these names and types in the zone, from its wanted records (none left: a delete). */
async function rrsetsOf(db: Db, zoneId: string, groups: Array<{ name: string; type: string }>): Promise<DnsRrset[]> {
  if (groups.length === 0) return [];
  const rows = await db.dnsRecord.findMany({
    where: { zoneId, ...WANTED, OR: groups.map((g) => ({ name: g.name, type: g.type })) },
    select: RECORD_FIELDS,
    orderBy: RECORD_ORDER,
  });
  return grouped(rows, groups);
}

/** Every rrset of the zone: one read of its wanted records (a zone of many thousand included). */
async function allRrsetsOf(db: Db, zoneId: string): Promise<DnsRrset[]> {
  const rows = await db.dnsRecord.findMany({
    where: { zoneId, ...WANTED },
    select: RECORD_FIELDS,
    orderBy: RECORD_ORDER,
  });
  const groups = new Map(rows.map((r) => [`${r.name}|${r.type}`, { name: r.name, type: r.type }]));
  return grouped(
    rows,
    [...groups.values()].sort((a, b) => a.name.localeCompare(b.name) || a.type.localeCompare(b.type)),
  );
}

/** Each zone's managed records reconciled; the rrsets that changed, per zone, for every DNS node. */
async function refreshed(db: Db, zones: TenantZone[]): Promise<DnsPatch[]> {
  const patches: DnsPatch[] = [];
  for (const zone of zones) {
    const changed = await reconcileManagedRecords(db, { ...zone, brandId: zone.tenant.brandId });
    if (changed.length)
      patches.push({ zone: dot(zone.name), nodeIds: [], rrsets: await rrsetsOf(db, zone.id, changed) });
  }
  if (patches.length === 0) return [];
  const nodeIds = await dnsNodeIds(db);
  return patches.map((p) => ({ ...p, nodeIds }));
}

export interface DnsActivityDeps {
  db: Db;
  /** Seals and opens the zones' DNSSEC private keys (HOSTPLANE_SECRETS_KEY); without it PowerDNS alone keeps them. */
  vault?: SecretsVault | undefined;
}

const BRAND_NS = { nsHostnames: true, hostmasterEmail: true } as const;

export function createDnsActivities({ db, vault }: DnsActivityDeps) {
  const zoneOf = (id: string) =>
    db.dnsZone.findUnique({
      where: { id },
      include: {
        tenant: { select: { brandId: true, brand: { select: BRAND_NS } } },
        brand: { select: BRAND_NS },
      },
    });

  return {
    /**
     * The whole zone as the database holds it — SOA and apex NS from its brand, every wanted
     * record, the DNSSEC keys the platform keeps — after its managed records were brought up
     * to date (a zone created after its FQDNs were bound gets theirs here). The DNS nodes to
     * write it to.
     */
    async loadDnsZone(zoneId: string): Promise<{ nodeIds: string[]; spec: DnsZoneSpec }> {
      const zone = await zoneOf(zoneId);
      if (!zone) throw ApplicationFailure.nonRetryable(`DNS zone ${zoneId} does not exist`, 'DnsZoneNotFound');
      // A tenant's zone: its managed records first. A brand's own has none (its SOA/NS from itself).
      const [tenantZone] = tenantZones([zone]);
      if (tenantZone) await reconcileManagedRecords(db, { ...tenantZone, brandId: tenantZone.tenant.brandId });
      const brand = (zone.tenant?.brand ?? zone.brand)!;
      if (!zone.dnssec) await forgetDnssecKeys(db, zoneId);
      const apex = dot(zone.name);
      return {
        nodeIds: await dnsNodeIds(db),
        spec: {
          name: apex,
          dnssec: zone.dnssec,
          keys: [],
          keptKeys: zone.dnssec ? await keptDnssecKeys(db, vault, zone) : [],
          rrsets: [...apexRrsets(apex, brand), ...(await allRrsetsOf(db, zoneId))],
        },
      };
    },

    /**
     * The brand's own zone of a tenant or of a webroot's tenant (its service host names) and the
     * DNS nodes; null without DNS nodes.
     */
    async loadBrandZoneOf(
      owner: string | { webrootId: string },
    ): Promise<{ nodeIds: string[]; spec: DnsZoneSpec } | null> {
      const tenant =
        typeof owner === 'string'
          ? await db.tenant.findUnique({ where: { id: owner }, select: { brandId: true } })
          : (
              await db.webroot.findUnique({
                where: { id: owner.webrootId },
                select: { tenant: { select: { brandId: true } } },
              })
            )?.tenant;
      const spec = tenant ? await brandZoneSpec(db, tenant.brandId) : null;
      const nodeIds = await dnsNodeIds(db).catch(() => []);
      return spec && nodeIds.length ? { nodeIds, spec } : null;
    },

    /** The zone's name and the DNS nodes (what a delete needs). */
    async loadDnsZoneTarget(zoneId: string): Promise<{ zone: string; nodeIds: string[] }> {
      const zone = await db.dnsZone.findUnique({ where: { id: zoneId }, select: { name: true } });
      if (!zone) throw ApplicationFailure.nonRetryable(`DNS zone ${zoneId} does not exist`, 'DnsZoneNotFound');
      return { zone: dot(zone.name), nodeIds: await dnsNodeIds(db) };
    },

    /** The record's whole rrset (every wanted record of its name and type) and the DNS nodes. */
    async loadDnsRrset(recordId: string): Promise<DnsPatch> {
      const record = await db.dnsRecord.findUnique({
        where: { id: recordId },
        select: { name: true, type: true, zoneId: true, zone: { select: { name: true } } },
      });
      if (!record) throw ApplicationFailure.nonRetryable(`DNS record ${recordId} does not exist`, 'DnsRecordNotFound');
      return {
        zone: dot(record.zone.name),
        nodeIds: await dnsNodeIds(db),
        rrsets: await rrsetsOf(db, record.zoneId, [record]),
      };
    },

    /**
     * Where a node's PowerDNS answers (the API shows it) and, for a signed zone, its keys: the
     * public parts shown, the private ones kept sealed.
     */
    async recordDnsAnswer(input: { nodeId: string; endpoint: DnsEndpoint; zoneId?: string; keys?: DnsSecKey[] }) {
      await db.node.update({ where: { id: input.nodeId }, data: { dnsEndpoint: { ...input.endpoint } } });
      if (input.zoneId && input.keys) {
        const publicParts = input.keys.map(({ keyType, algorithm, dnskey, ds }) => ({
          keyType,
          algorithm,
          dnskey,
          ds,
        }));
        await db.dnsZone.update({ where: { id: input.zoneId }, data: { dnssecKeys: publicParts } });
        await keepDnssecKeys(db, vault, input.zoneId, input.keys);
      }
    },

    /** The zones a tenant still holds (what its delete removes). */
    async liveDnsZonesOf(tenantId: string): Promise<string[]> {
      const zones = await db.dnsZone.findMany({
        where: { tenantId, status: { not: 'DELETED' } },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      });
      return zones.map((z) => z.id);
    },

    /** A deleted zone's records go with it. */
    async markDnsZoneRecordsDeleted(zoneId: string): Promise<number> {
      const { count } = await db.dnsRecord.updateMany({
        where: { zoneId, status: { not: 'DELETED' } },
        data: { status: 'DELETED' },
      });
      return count;
    },

    /**
     * Brings the managed records of the zones an FQDN's name falls in (of its tenant; every
     * ACTIVE zone when `fqdnId` is null: a load balancer address change) up to date; the rrsets
     * that changed, per zone.
     */
    async refreshManagedDnsRecords(input: { fqdnId: string | null }): Promise<DnsPatch[]> {
      const fqdn = input.fqdnId
        ? await db.fqdn.findUnique({ where: { id: input.fqdnId }, select: { hostname: true, tenantId: true } })
        : null;
      if (input.fqdnId && !fqdn) return [];
      const zones = await zonesCovering(db, fqdn?.hostname ?? null, fqdn?.tenantId ?? null);
      return refreshed(db, zones);
    },

    /**
     * Brings the managed records of these zones up to date (a mail domain enabled, changed or
     * disabled, its tenant suspended or deleted); the rrsets that changed, per ACTIVE zone.
     */
    async refreshZoneManagedRecords(zoneIds: string[]): Promise<DnsPatch[]> {
      const zones = await db.dnsZone.findMany({
        where: { id: { in: zoneIds }, status: 'ACTIVE' },
        select: { id: true, name: true, tenantId: true, tenant: { select: { brandId: true } } },
      });
      return refreshed(db, tenantZones(zones));
    },

    /** What a DNS shard's convergence writes: every zone that is (or is being) served, and its nodes. */
    async loadDnsConvergence(shardId: string) {
      const shard = await db.shard.findUniqueOrThrow({
        where: { id: shardId },
        select: { name: true, role: true, nodes: { select: { node: { select: { id: true, hostname: true } } } } },
      });
      if (shard.role !== 'DNS') return null;
      const zones = await db.dnsZone.findMany({
        where: { status: { in: ['ACTIVE', 'PROVISIONING', 'PENDING'] } },
        select: { id: true, name: true, status: true },
        orderBy: { name: 'asc' },
      });
      // Brands' own zones (service host names) of the brands that have tenants.
      const brands = await db.brand.findMany({
        where: { tenants: { some: { status: { notIn: ['DELETING', 'DELETED'] } } } },
        select: { id: true, baseHostname: true },
      });
      return {
        shard: shard.name,
        nodes: shard.nodes.map((n) => n.node),
        zones: zones.filter((z) => z.status === 'ACTIVE').map((z) => ({ id: z.id, name: dot(z.name) })),
        brandIds: brands.map((b) => b.id),
        keep: [...zones.map((z) => dot(z.name)), ...brands.map((b) => dot(b.baseHostname))],
      };
    },

    /** The brands whose own zones the platform writes (those with live tenants) and the DNS nodes. */
    async brandZoneTargets(): Promise<{ brandIds: string[]; nodeIds: string[] }> {
      const brands = await db.brand.findMany({
        where: { tenants: { some: { status: { notIn: ['DELETING', 'DELETED'] } } } },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return { brandIds: brands.map((b) => b.id), nodeIds: await dnsNodeIds(db).catch(() => []) };
    },

    /** A brand's own zone as the database says it now (convergence). */
    async loadBrandZone(brandId: string): Promise<DnsZoneSpec | null> {
      return brandZoneSpec(db, brandId);
    },
  };
}

export type DnsControlActivities = ReturnType<typeof createDnsActivities>;
