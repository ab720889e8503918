import DataLoader from 'dataloader';
import type { Db } from './db/index.js';
import type {
  BrandRecord,
  ClusterRecord,
  MailHostCertificate,
  RegionRecord,
  ServerNodeRecord,
  ShardRecord,
} from '@hostplane/schema';

/** Index rows by key, in the order DataLoader asked for them. */
function byKey<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): (R | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Rows grouped by key, in the order DataLoader asked for the keys. */
export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const map = new Map<K, R[]>(keys.map((k) => [k, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((k) => map.get(k) ?? []);
}

/**
 * Per-request batching: a page of 100 tenants with brand, shard and nodes costs one query per
 * relation, not one per tenant. Authorization stays in the services that use these.
 */
export function createLoaders(db: Db) {
  return {
    brandById: new DataLoader<string, BrandRecord | null>(async (ids) =>
      byKey(ids, await db.brand.findMany({ where: { id: { in: [...ids] } } }), (b) => b.id),
    ),
    shardById: new DataLoader<string, ShardRecord | null>(async (ids) =>
      byKey(ids, (await db.shard.findMany({ where: { id: { in: [...ids] } } })) as ShardRecord[], (s) => s.id),
    ),
    clusterById: new DataLoader<string, ClusterRecord | null>(async (ids) =>
      byKey(ids, await db.cluster.findMany({ where: { id: { in: [...ids] } } }), (c) => c.id),
    ),
    regionById: new DataLoader<string, RegionRecord | null>(async (ids) =>
      byKey(ids, await db.region.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    nodesByShardId: new DataLoader<string, ServerNodeRecord[]>(async (shardIds) => {
      const links = await db.nodeShard.findMany({
        where: { shardId: { in: [...shardIds] } },
        include: { node: true },
        orderBy: { node: { hostname: 'asc' } },
      });
      return groupBy(shardIds, links, (l) => l.shardId).map((ls) => ls.map((l) => l.node));
    }),
    shardsByNodeId: new DataLoader<string, ShardRecord[]>(async (nodeIds) => {
      const links = await db.nodeShard.findMany({
        where: { nodeId: { in: [...nodeIds] } },
        include: { shard: true },
        orderBy: { shard: { name: 'asc' } },
      });
      return groupBy(nodeIds, links, (l) => l.nodeId).map((ls) => ls.map((l) => l.shard as ShardRecord));
    }),
    /** What the API shows of a mail node's certificate: never its key, sealed or not. */
    mailCertificateByNodeId: new DataLoader<string, MailHostCertificate | null>(async (nodeIds) => {
      const rows = await db.mailNodeCertificate.findMany({
        where: { nodeId: { in: [...nodeIds] } },
        select: {
          nodeId: true,
          hostname: true,
          notAfter: true,
          renewAfter: true,
          renewFailures: true,
          lastError: true,
        },
      });
      return byKey(nodeIds, rows, (r) => r.nodeId);
    }),
    lbAddressesByClusterId: new DataLoader<string, string[]>(async (clusterIds) => {
      const rows = await db.clusterLbAddress.findMany({
        where: { clusterId: { in: [...clusterIds] } },
        orderBy: { address: 'asc' },
      });
      return groupBy(clusterIds, rows, (r) => r.clusterId).map((rs) => rs.map((r) => r.address));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
