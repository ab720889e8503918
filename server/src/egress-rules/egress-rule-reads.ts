import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type ConnectionResult,
  type EgressRuleRecord,
  type PageArgs,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import type { Db } from '../db/index.js';
import {
  canSeeOwned,
  flattenBrand,
  grouped,
  LIVE,
  TenantLoader,
  visibleOwnedWhere,
  withBrand,
} from '../data-stores/ownership.js';
import { pageInMemory } from '../data-stores/page-in-memory.js';

export const egressRuleRecord = (row: object & { tenant: { brandId: string } }) => flattenBrand<EgressRuleRecord>(row);

/**
 * The read side of the egress rules port. A tenant's rules are few (capped per tenant), so a
 * page of tenants loads all their live rules in one query and each connection pages in memory.
 */
export class EgressRuleReads {
  private readonly byTenant = new DataLoader<string, EgressRuleRecord[]>(async (ids) => {
    const rows = await this.db.egressRule.findMany({
      where: { tenantId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return grouped(ids, rows.map(egressRuleRecord), (r) => r.tenantId);
  });
  private readonly tenants: TenantLoader;

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
  }

  /** A rule by global id, if the viewer may see it (any status: DELETED ones stay readable). */
  async get(viewer: Viewer, globalId: string): Promise<EgressRuleRecord | null> {
    viewer.require('egress_rules:read');
    return this.find(viewer, globalId);
  }

  async ofTenant(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<EgressRuleRecord>> {
    viewer.require('egress_rules:read');
    return pageInMemory(
      (await this.byTenant.load(tenantId)).filter((r) => canSeeOwned(viewer, r)),
      args,
    );
  }

  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    return this.tenants.load(viewer, tenantId);
  }

  /** The row behind a global id, when the viewer may see it (no scope check: the caller's). */
  async find(viewer: Viewer, globalId: string): Promise<EgressRuleRecord | null> {
    const id = decodeIdOf('EgressRule', globalId);
    if (!id) return null;
    const row = await this.db.egressRule.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand });
    return row ? egressRuleRecord(row) : null;
  }
}
