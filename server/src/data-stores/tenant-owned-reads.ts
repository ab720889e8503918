import DataLoader from 'dataloader';
import { decodeIdOf, type ConnectionResult, type PageArgs, type TenantRecord, type Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { canSeeOwned, flattenBrand, grouped, LIVE, TenantLoader, visibleOwnedWhere, withBrand } from './ownership.js';
import { pageInMemory } from './page-in-memory.js';

type OwnedRow = object & { tenantId: string; tenant: { brandId: string } };

/** The two reads every tenant-owned table answers (a Prisma model delegate has both). */
export interface OwnedModel {
  findMany(args: { where: object; include: typeof withBrand; orderBy: object[] }): Promise<OwnedRow[]>;
  findFirst(args: { where: object; include: typeof withBrand }): Promise<OwnedRow | null>;
  findUniqueOrThrow(args: { where: { id: string }; include: typeof withBrand }): Promise<OwnedRow>;
  count(args: { where: object }): Promise<number>;
}

/**
 * The read side of a small tenant-owned resource (egress rules, SSH keys, …): a tenant holds few
 * of them (capped per tenant), so a page of tenants loads all their live rows in one query and
 * each connection pages in memory. `type` is the GraphQL type its global ids carry.
 */
export class TenantOwnedReads<R extends { id: string; createdAt: Date; tenantId: string; brandId: string }> {
  private readonly byTenant: DataLoader<string, R[]>;
  private readonly tenants: TenantLoader;

  constructor(
    db: Db,
    private readonly spec: { type: string; scope: string; model: OwnedModel },
  ) {
    this.tenants = new TenantLoader(db);
    this.byTenant = new DataLoader(async (ids) => {
      const rows = await spec.model.findMany({
        where: { tenantId: { in: [...ids] }, ...LIVE },
        include: withBrand,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
      return grouped(ids, rows.map(this.record), (r) => r.tenantId);
    });
  }

  /** A row as the port hands it out: the tenant's brand flattened in. */
  readonly record = (row: OwnedRow): R => flattenBrand<R>(row);

  /** One by raw id, whoever asks (what the lifecycle kit reloads after a move). */
  async byId(id: string): Promise<R> {
    return this.record(await this.spec.model.findUniqueOrThrow({ where: { id }, include: withBrand }));
  }

  /** The tenant's rows that are not DELETED (what a per-tenant cap counts). */
  countLive(tenantId: string): Promise<number> {
    return this.spec.model.count({ where: { tenantId, ...LIVE } });
  }

  /** One by global id, if the viewer may see it (any status: DELETED ones stay readable). */
  async get(viewer: Viewer, globalId: string): Promise<R | null> {
    viewer.require(this.spec.scope);
    return this.find(viewer, globalId);
  }

  async ofTenant(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<R>> {
    viewer.require(this.spec.scope);
    return pageInMemory(
      (await this.byTenant.load(tenantId)).filter((r) => canSeeOwned(viewer, r)),
      args,
    );
  }

  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    return this.tenants.load(viewer, tenantId);
  }

  /** The row behind a global id, when the viewer may see it (no scope check: the caller's). */
  async find(viewer: Viewer, globalId: string): Promise<R | null> {
    const id = decodeIdOf(this.spec.type, globalId);
    if (!id) return null;
    const row = await this.spec.model.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand });
    return row ? this.record(row) : null;
  }
}
