import DataLoader from 'dataloader';
import type { SshEndpointRecord, SshKeyRecord, TenantRecord, Viewer } from '@hostplane/schema';
import type { SshEndpoint } from '@hostplane/contract/ssh';
import type { Db } from '../db/index.js';
import { TenantOwnedReads, type OwnedModel } from '../data-stores/tenant-owned-reads.js';

/**
 * The read side of the SSH keys port: a tenant-owned resource's reads
 * (../data-stores/tenant-owned-reads.ts), and where its nodes' sshd listen.
 */
export class SshKeyReads extends TenantOwnedReads<SshKeyRecord> {
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

  constructor(private readonly db: Db) {
    super(db, { type: 'SshKey', scope: 'ssh_keys:read', model: db.sshKey as unknown as OwnedModel });
  }

  /** The tenant is the resolver's root: already visible to the viewer. */
  async endpointsOf(viewer: Viewer, tenant: TenantRecord): Promise<SshEndpointRecord[]> {
    viewer.require('ssh_keys:read');
    const nodes = await this.endpointsByShard.load(tenant.shardId);
    return nodes.map(({ nodeId, endpoint }) => ({ nodeId, ...endpoint, username: tenant.name }));
  }
}
