import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type ConnectionResult,
  type PageArgs,
  type SshEndpointRecord,
  type SshKeyRecord,
  type TenantRecord,
  type Viewer,
} from '@hostplane/schema';
import type { SshEndpoint } from '@hostplane/contract/ssh';
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

export const sshKeyRecord = (row: object & { tenant: { brandId: string } }) => flattenBrand<SshKeyRecord>(row);

/**
 * The read side of the SSH keys port. A tenant's keys are few (capped per tenant), so a page of
 * tenants loads all their live keys in one query and each connection pages in memory.
 */
export class SshKeyReads {
  private readonly byTenant = new DataLoader<string, SshKeyRecord[]>(async (ids) => {
    const rows = await this.db.sshKey.findMany({
      where: { tenantId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return grouped(ids, rows.map(sshKeyRecord), (r) => r.tenantId);
  });
  /** Nodes of a shard with the sshd their agent reported, per shard id. */
  private readonly endpointsByShard = new DataLoader<string, Array<{ nodeId: string; endpoint: SshEndpoint }>>(
    async (shardIds) => {
      const rows = await this.db.nodeShard.findMany({
        where: { shardId: { in: [...shardIds] } },
        select: { shardId: true, node: { select: { id: true, hostname: true, sshEndpoint: true } } },
        orderBy: { node: { hostname: 'asc' } },
      });
      return shardIds.map((shardId) =>
        rows
          .filter((r) => r.shardId === shardId && r.node.sshEndpoint)
          .map((r) => ({ nodeId: r.node.id, endpoint: r.node.sshEndpoint as unknown as SshEndpoint })),
      );
    },
  );
  private readonly tenants: TenantLoader;

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
  }

  /** A key by global id, if the viewer may see it (any status: DELETED ones stay readable). */
  async get(viewer: Viewer, globalId: string): Promise<SshKeyRecord | null> {
    viewer.require('ssh_keys:read');
    return this.find(viewer, globalId);
  }

  async ofTenant(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<SshKeyRecord>> {
    viewer.require('ssh_keys:read');
    return pageInMemory(
      (await this.byTenant.load(tenantId)).filter((k) => canSeeOwned(viewer, k)),
      args,
    );
  }

  /** The tenant is the resolver's root: already visible to the viewer. */
  async endpointsOf(viewer: Viewer, tenant: TenantRecord): Promise<SshEndpointRecord[]> {
    viewer.require('ssh_keys:read');
    const nodes = await this.endpointsByShard.load(tenant.shardId);
    return nodes.map(({ nodeId, endpoint }) => ({ nodeId, ...endpoint, username: tenant.name }));
  }

  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null> {
    return this.tenants.load(viewer, tenantId);
  }

  /** The row behind a global id, when the viewer may see it (no scope check: the caller's). */
  async find(viewer: Viewer, globalId: string): Promise<SshKeyRecord | null> {
    const id = decodeIdOf('SshKey', globalId);
    if (!id) return null;
    const row = await this.db.sshKey.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand });
    return row ? sshKeyRecord(row) : null;
  }
}
