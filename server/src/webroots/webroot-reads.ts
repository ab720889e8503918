import DataLoader from 'dataloader';
import {
  decodeIdOf,
  WebrootOrderField,
  WebRuntime,
  type TenantRecord,
  type WebRuntimeOfferRecord,
  type Viewer,
  type WebrootRecord,
  type WebrootsArgs,
} from '@hostplane/schema';
import { idOrNil } from '../common/ids.js';
import { byCreatedAt, keysetPage } from '../common/keyset.js';
import { tenantRecord } from '../common/records.js';
import { groupBy } from '../loaders.js';
import type { ServiceDeps } from '../services.js';
import { canSeeTenant } from '../tenants/tenant-access.js';
import { shardRuntimeOffers } from './runtime-offers.js';
import { canSeeRecord, NOT_DELETED, visibleWebrootsWhere, webrootRecord, withOwner } from './webroot-records.js';

const byName = {
  sortField: 'name',
  keyOf: (w: WebrootRecord) => w.name,
  parseKey: (key: string) => key,
};

/**
 * The read side of the webroots port. DataLoaders live as long as the service (one request): a
 * page of tenants with their webroots costs one query for all the webroots.
 */
export class WebrootReads {
  private readonly byTenant = new DataLoader<string, WebrootRecord[]>(async (ids) => {
    const rows = await this.deps.db.webroot.findMany({
      where: { tenantId: { in: [...ids] }, ...NOT_DELETED },
      include: withOwner,
      orderBy: { createdAt: 'asc' },
    });
    return groupBy(ids, rows.map(webrootRecord), (r) => r.tenantId);
  });
  private readonly byId = new DataLoader<string, WebrootRecord | null>(async (ids) => {
    const rows = await this.deps.db.webroot.findMany({
      where: { id: { in: [...ids] } },
      include: withOwner,
    });
    const records = new Map(rows.map((r) => [r.id, webrootRecord(r)]));
    return ids.map((id) => records.get(id) ?? null);
  });
  private readonly tenants = new DataLoader<string, TenantRecord | null>(async (ids) => {
    const rows = new Map(
      (await this.deps.db.tenant.findMany({ where: { id: { in: [...ids] } } })).map((r) => [r.id, r]),
    );
    return ids.map((id) => {
      const row = rows.get(id);
      return row ? tenantRecord(row) : null;
    });
  });

  constructor(private readonly deps: ServiceDeps) {}

  async list(viewer: Viewer, args: WebrootsArgs) {
    viewer.require('webroots:read');
    const filter = args.filter ?? {};
    const search = filter.search?.trim();
    const contains = { contains: search ?? '', mode: 'insensitive' as const };
    const where = {
      AND: [
        visibleWebrootsWhere(viewer),
        filter.status?.length ? { status: { in: filter.status } } : NOT_DELETED,
        filter.tenantId ? { tenantId: idOrNil('Tenant', filter.tenantId) } : {},
        filter.brandId ? { tenant: { brandId: idOrNil('Brand', filter.brandId) } } : {},
        filter.runtime?.length ? { runtime: { in: filter.runtime } } : {},
        search
          ? {
              OR: [{ name: contains }, { fqdns: { some: { hostname: contains, ...NOT_DELETED } } }],
            }
          : {},
      ],
    };
    const order = args.orderBy;
    return keysetPage<WebrootRecord>({
      args,
      where,
      ...(order?.field === WebrootOrderField.NAME ? byName : byCreatedAt),
      direction: order ? (order.direction === 'ASC' ? 'asc' : 'desc') : 'desc',
      findMany: async (q) => (await this.deps.db.webroot.findMany({ ...q, include: withOwner })).map(webrootRecord),
      count: (q) => this.deps.db.webroot.count(q),
    });
  }

  /** A webroot by global id, if the viewer may see it (any status: DELETED ones stay readable). */
  async get(viewer: Viewer, id: string): Promise<WebrootRecord | null> {
    viewer.require('webroots:read');
    const row = await this.findWebroot(viewer, id);
    return row ? webrootRecord(row) : null;
  }

  async ofTenant(viewer: Viewer, tenantId: string): Promise<WebrootRecord[]> {
    viewer.require('webroots:read');
    return (await this.byTenant.load(tenantId)).filter((r) => canSeeRecord(viewer, r));
  }

  async load(viewer: Viewer, webrootId: string): Promise<WebrootRecord | null> {
    viewer.require('webroots:read');
    const record = await this.byId.load(webrootId);
    return record && canSeeRecord(viewer, record) ? record : null;
  }

  async loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    viewer.require('tenants:read');
    const tenant = await this.tenants.load(tenantId);
    return tenant && canSeeTenant(viewer, tenant) ? tenant : null;
  }

  /** Each runtime with the versions every node of the tenant's shard reports, newest (the default) first. */
  async runtimesOf(viewer: Viewer, tenant: TenantRecord): Promise<WebRuntimeOfferRecord[]> {
    viewer.require('webroots:read');
    const offers = await shardRuntimeOffers(this.deps.db, tenant.shardId);
    const versioned = Object.entries(offers).map(([runtime, versions]) => ({
      runtime: runtime as WebRuntime,
      versions,
      defaultVersion: versions[0] ?? null,
    }));
    return [...versioned, { runtime: WebRuntime.STATIC, versions: [], defaultVersion: null }];
  }

  /** The row (with its owner) when the viewer may see it, else null. */
  async findWebroot(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Webroot', globalId);
    if (!id) return null;
    return this.deps.db.webroot.findFirst({
      where: { id, ...visibleWebrootsWhere(viewer) },
      include: withOwner,
    });
  }
}
