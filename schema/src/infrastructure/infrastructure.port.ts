import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { ApplyClusterInput } from './infrastructure.input.js';
import type {
  ClusterRecord,
  MailHostCertificate,
  NodeCapability,
  RegionRecord,
  ServerNodeRecord,
  ShardRecord,
  ShardRole,
} from './infrastructure.type.js';

export interface ApplyClusterResult {
  cluster: ClusterRecord | null;
  changes: string[];
  userErrors: UserError[];
}

/** Regions, clusters, shards and nodes: platform-level, read with `infrastructure:read`. */
export interface InfrastructurePort {
  regions(viewer: Viewer): Promise<RegionRecord[]>;
  clustersOf(viewer: Viewer, regionId: string): Promise<ClusterRecord[]>;
  lbAddressesOf(viewer: Viewer, clusterId: string): Promise<string[]>;
  shards(viewer: Viewer, filter: { role?: ShardRole | null; clusterId?: string | null }): Promise<ShardRecord[]>;
  nodes(viewer: Viewer, filter: { shardId?: string | null; clusterId?: string | null }): Promise<ServerNodeRecord[]>;
  getShard(viewer: Viewer, id: string): Promise<ShardRecord | null>;
  getNode(viewer: Viewer, id: string): Promise<ServerNodeRecord | null>;
  getRegion(viewer: Viewer, id: string): Promise<RegionRecord | null>;
  getCluster(viewer: Viewer, id: string): Promise<ClusterRecord | null>;
  /** Batched loads by raw id for nested fields. */
  loadShard(viewer: Viewer, shardId: string): Promise<ShardRecord>;
  loadCluster(viewer: Viewer, clusterId: string): Promise<ClusterRecord>;
  loadRegion(viewer: Viewer, regionId: string): Promise<RegionRecord>;
  nodesOfShard(viewer: Viewer, shardId: string): Promise<ServerNodeRecord[]>;
  shardsOfNode(viewer: Viewer, nodeId: string): Promise<ShardRecord[]>;
  applyCluster(viewer: Viewer, input: ApplyClusterInput): Promise<ApplyClusterResult>;
  /**
   * What the node's agent last reported it has (platform administrators only: paths and
   * versions of a node's programs are nothing a brand or tenant should map).
   */
  capabilitiesOf(viewer: Viewer, node: ServerNodeRecord): { capabilities: NodeCapability[]; reportedAt: Date | null };
  /** A mail node's host certificate as last ordered (platform administrators only), null if none. */
  mailCertificateOf(viewer: Viewer, nodeId: string): Promise<MailHostCertificate | null>;
}
