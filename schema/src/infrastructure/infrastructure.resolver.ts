import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';
import { ApplyClusterInput, ApplyClusterPayload } from './infrastructure.input.js';
import {
  Cluster,
  MailHostCertificate,
  NodeCapability,
  Region,
  ServerNode,
  Shard,
  ShardRole,
  type ClusterRecord,
  type RegionRecord,
  type ServerNodeRecord,
  type ShardRecord,
} from './infrastructure.type.js';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], { description: 'All regions (needs infrastructure:read).' })
  regions(@Ctx() ctx: Context) {
    return ctx.ports.infrastructure.regions(ctx.viewer);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() region: RegionRecord): string {
    return toGlobalId('Region', region.id);
  }

  @FieldResolver(() => [Cluster], { description: 'Clusters in this region.' })
  clusters(@Root() region: RegionRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.clustersOf(ctx.viewer, region.id);
  }
}

@Resolver(() => Cluster)
export class ClusterResolver {
  @Mutation(() => ApplyClusterPayload, {
    description: 'Create or update a region, cluster, its LB addresses, shards and nodes in one step (idempotent).',
  })
  applyCluster(@Arg('input', { description: 'The cluster file.' }) input: ApplyClusterInput, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.applyCluster(ctx.viewer, input);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() cluster: ClusterRecord): string {
    return toGlobalId('Cluster', cluster.id);
  }

  @FieldResolver(() => Region, { description: 'The region.' })
  region(@Root() cluster: ClusterRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.loadRegion(ctx.viewer, cluster.regionId);
  }

  @FieldResolver(() => [String], { description: 'Public addresses of the cluster’s load balancers.' })
  lbAddresses(@Root() cluster: ClusterRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.lbAddressesOf(ctx.viewer, cluster.id);
  }

  @FieldResolver(() => [Shard], { description: 'Shards of this cluster.' })
  shards(@Root() cluster: ClusterRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.shards(ctx.viewer, { clusterId: cluster.id });
  }

  @FieldResolver(() => [ServerNode], { description: 'Nodes of this cluster.' })
  nodes(@Root() cluster: ClusterRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.nodes(ctx.viewer, { clusterId: cluster.id });
  }
}

@Resolver(() => Shard)
export class ShardResolver {
  @Query(() => [Shard], { description: 'Shards, optionally of one role (needs infrastructure:read).' })
  shards(
    @Ctx() ctx: Context,
    @Arg('role', () => ShardRole, { nullable: true, description: 'Only this role.' }) role?: ShardRole,
  ) {
    return ctx.ports.infrastructure.shards(ctx.viewer, { role: role ?? null });
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() shard: ShardRecord): string {
    return toGlobalId('Shard', shard.id);
  }

  @FieldResolver(() => Cluster, { description: 'The cluster.' })
  cluster(@Root() shard: ShardRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.loadCluster(ctx.viewer, shard.clusterId);
  }

  @FieldResolver(() => [ServerNode], { description: 'Nodes serving this shard.' })
  nodes(@Root() shard: ShardRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.nodesOfShard(ctx.viewer, shard.id);
  }
}

@Resolver(() => ServerNode)
export class ServerNodeResolver {
  @Query(() => [ServerNode], { description: 'Nodes, optionally of one shard (needs infrastructure:read).' })
  serverNodes(
    @Ctx() ctx: Context,
    @Arg('shardId', () => ID, { nullable: true, description: 'Only nodes of this shard.' }) shardId?: string,
  ) {
    return ctx.ports.infrastructure.nodes(ctx.viewer, { shardId: shardId ?? null });
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() node: ServerNodeRecord): string {
    return toGlobalId('ServerNode', node.id);
  }

  @FieldResolver(() => String, { description: 'Temporal task queue the node agent polls: `node-{uuid}`.' })
  taskQueue(@Root() node: ServerNodeRecord): string {
    return `node-${node.id}`;
  }

  @FieldResolver(() => [Shard], { description: 'Shards this node serves.' })
  shards(@Root() node: ServerNodeRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.shardsOfNode(ctx.viewer, node.id);
  }

  @FieldResolver(() => [NodeCapability], {
    description: 'Every program its node agent uses, as last reported (empty before the first report).',
  })
  capabilities(@Root() node: ServerNodeRecord, @Ctx() ctx: Context): NodeCapability[] {
    return ctx.ports.infrastructure.capabilitiesOf(ctx.viewer, node).capabilities;
  }

  @FieldResolver(() => [NodeCapability], {
    description: 'The capabilities the node lacks, each with its Debian package.',
  })
  missingCapabilities(@Root() node: ServerNodeRecord, @Ctx() ctx: Context): NodeCapability[] {
    return ctx.ports.infrastructure.capabilitiesOf(ctx.viewer, node).capabilities.filter((c) => !c.available);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'When its node agent last reported; null if it never did.',
  })
  capabilitiesReportedAt(@Root() node: ServerNodeRecord, @Ctx() ctx: Context): Date | null {
    return ctx.ports.infrastructure.capabilitiesOf(ctx.viewer, node).reportedAt;
  }

  @FieldResolver(() => MailHostCertificate, {
    nullable: true,
    description:
      'A mail node’s certificate for its host name (platform administrators only); null on other nodes and before its first order.',
  })
  mailCertificate(@Root() node: ServerNodeRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.mailCertificateOf(ctx.viewer, node.id);
  }
}
