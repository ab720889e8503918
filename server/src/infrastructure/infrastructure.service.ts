import {
  decodeIdOf,
  forbidden,
  type ApplyClusterInput,
  type ClusterRecord,
  type InfrastructurePort,
  type NodeCapability,
  type RegionRecord,
  type ServerNodeRecord,
  type ShardRecord,
  type ShardRole,
  type Viewer,
} from '@hostplane/schema';
import type { Loaders } from '../loaders.js';
import type { ServiceDeps } from '../services.js';
import { applyClusterSpec } from './apply-cluster.js';

/** The stored report (JSON written by the worker) as capabilities; rows of another shape are left out. */
function capabilitiesOf(node: ServerNodeRecord): NodeCapability[] {
  if (!Array.isArray(node.capabilities)) return [];
  return node.capabilities.filter(
    (c): c is NodeCapability =>
      typeof c === 'object' && c !== null && typeof c.name === 'string' && typeof c.available === 'boolean',
  );
}

/** Regions, clusters, shards and nodes: platform-level objects behind `infrastructure:*` scopes. */
export class InfrastructureService implements InfrastructurePort {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly loaders: Loaders,
  ) {}

  private read(viewer: Viewer): void {
    viewer.require('infrastructure:read');
  }

  async regions(viewer: Viewer) {
    this.read(viewer);
    return this.deps.db.region.findMany({ orderBy: { name: 'asc' } });
  }

  async clustersOf(viewer: Viewer, regionId: string) {
    this.read(viewer);
    return this.deps.db.cluster.findMany({ where: { regionId }, orderBy: { name: 'asc' } });
  }

  async lbAddressesOf(viewer: Viewer, clusterId: string) {
    this.read(viewer);
    return this.loaders.lbAddressesByClusterId.load(clusterId);
  }

  async shards(viewer: Viewer, filter: { role?: ShardRole | null; clusterId?: string | null }) {
    this.read(viewer);
    const rows = await this.deps.db.shard.findMany({
      where: {
        ...(filter.role ? { role: filter.role } : {}),
        ...(filter.clusterId ? { clusterId: filter.clusterId } : {}),
      },
      orderBy: { name: 'asc' },
    });
    return rows as ShardRecord[];
  }

  async nodes(viewer: Viewer, filter: { shardId?: string | null; clusterId?: string | null }) {
    this.read(viewer);
    const shardId = filter.shardId ? decodeIdOf('Shard', filter.shardId) : null;
    if (filter.shardId && !shardId) return [];
    return this.deps.db.node.findMany({
      where: {
        ...(shardId ? { shards: { some: { shardId } } } : {}),
        ...(filter.clusterId ? { clusterId: filter.clusterId } : {}),
      },
      orderBy: { hostname: 'asc' },
    });
  }

  private async getBy<T>(viewer: Viewer, type: string, globalId: string, load: (id: string) => Promise<T | null>) {
    this.read(viewer);
    const id = decodeIdOf(type, globalId);
    return id ? load(id) : null;
  }

  getShard(viewer: Viewer, id: string) {
    return this.getBy(viewer, 'Shard', id, (raw) => this.loaders.shardById.load(raw));
  }
  getCluster(viewer: Viewer, id: string) {
    return this.getBy(viewer, 'Cluster', id, (raw) => this.loaders.clusterById.load(raw));
  }
  getRegion(viewer: Viewer, id: string) {
    return this.getBy(viewer, 'Region', id, (raw) => this.loaders.regionById.load(raw));
  }
  getNode(viewer: Viewer, id: string): Promise<ServerNodeRecord | null> {
    return this.getBy(viewer, 'ServerNode', id, (raw) => this.deps.db.node.findUnique({ where: { id: raw } }));
  }

  private async must<T>(viewer: Viewer, what: string, value: Promise<T | null>): Promise<T> {
    this.read(viewer);
    const row = await value;
    if (!row) throw new Error(`${what} vanished`);
    return row;
  }

  loadShard(viewer: Viewer, shardId: string): Promise<ShardRecord> {
    return this.must(viewer, 'shard', this.loaders.shardById.load(shardId));
  }
  loadCluster(viewer: Viewer, clusterId: string): Promise<ClusterRecord> {
    return this.must(viewer, 'cluster', this.loaders.clusterById.load(clusterId));
  }
  loadRegion(viewer: Viewer, regionId: string): Promise<RegionRecord> {
    return this.must(viewer, 'region', this.loaders.regionById.load(regionId));
  }

  async nodesOfShard(viewer: Viewer, shardId: string) {
    this.read(viewer);
    return this.loaders.nodesByShardId.load(shardId);
  }

  async shardsOfNode(viewer: Viewer, nodeId: string) {
    this.read(viewer);
    return this.loaders.shardsByNodeId.load(nodeId);
  }

  capabilitiesOf(viewer: Viewer, node: ServerNodeRecord) {
    this.read(viewer);
    if (!viewer.isPlatformAdmin) throw forbidden('reading node capabilities (platform administrators only)');
    return { capabilities: capabilitiesOf(node), reportedAt: node.capabilitiesReportedAt };
  }

  async mailCertificateOf(viewer: Viewer, nodeId: string) {
    this.read(viewer);
    if (!viewer.isPlatformAdmin) throw forbidden('reading a mail host certificate (platform administrators only)');
    return this.loaders.mailCertificateByNodeId.load(nodeId);
  }

  async applyCluster(viewer: Viewer, input: ApplyClusterInput) {
    viewer.require('infrastructure:write');
    if (!viewer.isPlatformAdmin) throw forbidden('changing infrastructure (platform administrators only)');
    const result = await applyClusterSpec(this.deps.db, input);
    // Managed DNS records point at the load balancers: a changed address rewrites them all.
    if (result.changes.some((c) => c.startsWith('lb address'))) {
      await this.deps.workflows.start('refreshManagedDnsRecordsWorkflow', `dns-managed-refresh-${Date.now()}`, {});
    }
    return result;
  }
}
