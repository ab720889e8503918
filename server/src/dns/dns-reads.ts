import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type ConnectionResult,
  type DnsRecordRecord,
  type DnsSecKeyRecord,
  type DnsServerRecord,
  type DnsZoneRecord,
  type PageArgs,
  type Viewer,
} from '@hostplane/schema';
import type { DnsEndpoint } from '@hostplane/contract/dns';
import type { Db } from '../db/index.js';
import { canSeeOwned, grouped, LIVE, TenantLoader, visibleOwnedWhere } from '../data-stores/ownership.js';
import { pageInMemory } from '../data-stores/page-in-memory.js';

const BRAND_NS = { select: { nsHostnames: true, hostmasterEmail: true } } as const;

/** What a zone row is read with: its owner's brand (a tenant's, or its own) and that brand's name servers. */
export const zoneInclude = {
  tenant: { select: { brandId: true, brand: BRAND_NS } },
  brand: BRAND_NS,
} as const;

type BrandNs = { nsHostnames: string[]; hostmasterEmail: string };

type ZoneRow = {
  id: string;
  tenantId: string | null;
  brandId: string | null;
  name: string;
  dnssec: boolean;
  dnssecKeys: unknown;
  status: string;
  statusMessage: string | null;
  lastOperation: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: { brandId: string; brand: BrandNs } | null;
  brand: BrandNs | null;
};

export function zoneRecord(row: ZoneRow): DnsZoneRecord {
  const { tenant, brand, dnssecKeys, ...rest } = row;
  const keys = (Array.isArray(dnssecKeys) ? dnssecKeys : []) as DnsSecKeyRecord[];
  // Exactly one owner (the table's CHECK): a tenant's zone takes its tenant's brand.
  const ns = (tenant?.brand ?? brand)!;
  return {
    ...(rest as Omit<DnsZoneRecord, 'brandId' | 'dnssecKeys' | 'nameServers' | 'hostmaster'>),
    brandId: tenant?.brandId ?? row.brandId!,
    dnssecKeys: row.dnssec ? keys : [],
    nameServers: ns.nsHostnames,
    hostmaster: ns.hostmasterEmail,
  };
}

export const recordInclude = { tenant: { select: { brandId: true } } } as const;

export function recordRecord(
  row: object & { tenant: { brandId: string } | null; brandId: string | null },
): DnsRecordRecord {
  const { tenant, brandId, ...rest } = row;
  return { ...(rest as Omit<DnsRecordRecord, 'brandId'>), brandId: tenant?.brandId ?? brandId! };
}

/**
 * Zones and records the viewer may see: its tenant's (a tenant-bound key sees no brand's zone,
 * not even its own brand's), or, for a brand or platform key, those of its brands' tenants and
 * the brands' own.
 */
export function visibleDnsWhere(viewer: Viewer) {
  if (viewer.tenantId) return visibleOwnedWhere(viewer);
  const brands = viewer.brandFilter();
  // A platform key sees every zone (an empty `tenant: {}` filter would not match a tenant's).
  if (!brands) return {};
  return { OR: [{ tenant: { brandId: { in: brands } } }, { brandId: { in: brands } }] };
}

/** The reads of the DNS port: zones per tenant, records per zone (batched per request), one by id. */
export class DnsReads {
  private readonly tenants: TenantLoader;

  private readonly zonesByTenant = this.zonesOwnedBy('tenantId');
  /** A brand's own zones (the column is set on those only). */
  private readonly zonesByBrand = this.zonesOwnedBy('brandId');

  private readonly recordsByZone = new DataLoader<string, DnsRecordRecord[]>(async (ids) => {
    const rows = await this.db.dnsRecord.findMany({
      where: { zoneId: { in: [...ids] }, ...LIVE },
      include: recordInclude,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return grouped(ids, rows.map(recordRecord), (r) => r.zoneId);
  });

  private readonly zoneLoader = new DataLoader<string, DnsZoneRecord | null>(async (ids) => {
    const rows = await this.db.dnsZone.findMany({ where: { id: { in: [...ids] } }, include: zoneInclude });
    return ids.map((id) => rows.find((r) => r.id === id)).map((r) => (r ? zoneRecord(r) : null));
  });

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
  }

  zoneById = async (id: string): Promise<DnsZoneRecord> =>
    zoneRecord(await this.db.dnsZone.findUniqueOrThrow({ where: { id }, include: zoneInclude }));

  recordById = async (id: string): Promise<DnsRecordRecord> =>
    recordRecord(await this.db.dnsRecord.findUniqueOrThrow({ where: { id }, include: recordInclude }));

  /** Live zones by their owner column, batched per request. */
  private zonesOwnedBy(owner: 'tenantId' | 'brandId') {
    return new DataLoader<string, DnsZoneRecord[]>(async (ids) => {
      const rows = await this.db.dnsZone.findMany({
        where: { [owner]: { in: [...ids] }, ...LIVE },
        include: zoneInclude,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return grouped(ids, rows.map(zoneRecord), (r) => r[owner] ?? '');
    });
  }

  /** The zone behind a global id, when the viewer may see it (no scope check: the caller's). */
  async findZone(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('DnsZone', globalId);
    if (!id) return null;
    const row = await this.db.dnsZone.findFirst({ where: { id, ...visibleDnsWhere(viewer) }, include: zoneInclude });
    return row ? zoneRecord(row) : null;
  }

  async findRecord(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('DnsRecord', globalId);
    if (!id) return null;
    const row = await this.db.dnsRecord.findFirst({
      where: { id, ...visibleDnsWhere(viewer) },
      include: recordInclude,
    });
    return row ? recordRecord(row) : null;
  }

  async getZone(viewer: Viewer, globalId: string) {
    viewer.require('dns:read');
    return this.findZone(viewer, globalId);
  }

  async getRecord(viewer: Viewer, globalId: string) {
    viewer.require('dns:read');
    return this.findRecord(viewer, globalId);
  }

  async zonesOf(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<DnsZoneRecord>> {
    viewer.require('dns:read');
    return pageInMemory(
      (await this.zonesByTenant.load(tenantId)).filter((z) => canSeeOwned(viewer, z)),
      args,
    );
  }

  /** A page of the brand's own zones; none for a tenant-bound key or another brand's. */
  async zonesOfBrand(viewer: Viewer, brandId: string, args: PageArgs): Promise<ConnectionResult<DnsZoneRecord>> {
    viewer.require('dns:read');
    if (viewer.tenantId || !viewer.canAccessBrand(brandId)) return pageInMemory([], args);
    return pageInMemory(await this.zonesByBrand.load(brandId), args);
  }

  /** The zone is the resolver's root (already visible); its records need the scope too. */
  async recordsOf(viewer: Viewer, zone: DnsZoneRecord, args: PageArgs): Promise<ConnectionResult<DnsRecordRecord>> {
    viewer.require('dns:read');
    if (!canSeeOwned(viewer, zone)) return pageInMemory([], args);
    return pageInMemory(await this.recordsByZone.load(zone.id), args);
  }

  async loadZone(viewer: Viewer, zoneId: string): Promise<DnsZoneRecord | null> {
    viewer.require('dns:read');
    const zone = await this.zoneLoader.load(zoneId);
    return zone && canSeeOwned(viewer, zone) ? zone : null;
  }

  loadTenant = (viewer: Viewer, tenantId: string) => this.tenants.load(viewer, tenantId);

  /** Every node of a DNS shard that reported its PowerDNS (all of them serve every zone). */
  async serversOf(viewer: Viewer, zone: DnsZoneRecord): Promise<DnsServerRecord[]> {
    viewer.require('dns:read');
    if (!canSeeOwned(viewer, zone)) return [];
    const nodes = await this.db.node.findMany({
      where: { shards: { some: { shard: { role: 'DNS' } } } },
      select: { id: true, dnsEndpoint: true },
      orderBy: { hostname: 'asc' },
    });
    return nodes
      .filter((n) => n.dnsEndpoint)
      .map((n) => ({ nodeId: n.id, ...(n.dnsEndpoint as unknown as DnsEndpoint) }));
  }
}
