// Rows a tenant workflow needs, each test run with its own brand and cluster (random names).
import { randomBytes } from 'node:crypto';
import type { Db, TenantModel } from '@hostplane/server/db';
import { randomTenantName, randomUid } from '@hostplane/node-agent/testing';

export interface Infrastructure {
  brandId: string;
  /** A WEB shard with one node. */
  shardId: string;
  nodeId: string;
  /** A WEB shard without nodes. */
  emptyShardId: string;
}

export async function seedInfrastructure(db: Db): Promise<Infrastructure> {
  const suffix = randomBytes(4).toString('hex');
  const brand = await db.brand.create({
    data: {
      name: `brand-${suffix}`,
      baseHostname: `${suffix}.example.test`,
      nsHostnames: [`ns1.${suffix}.example.test`],
      hostmasterEmail: `hostmaster@${suffix}.example.test`,
    },
  });
  const region = await db.region.create({ data: { name: `region-${suffix}` } });
  const cluster = await db.cluster.create({ data: { name: 'c1', regionId: region.id } });
  const shard = await db.shard.create({
    data: { name: 'web-1', role: 'WEB', clusterId: cluster.id },
  });
  const emptyShard = await db.shard.create({
    data: { name: 'web-empty', role: 'WEB', clusterId: cluster.id },
  });
  const node = await db.node.create({ data: { hostname: 'node-a', clusterId: cluster.id } });
  await db.nodeShard.create({ data: { nodeId: node.id, shardId: shard.id } });
  return { brandId: brand.id, shardId: shard.id, nodeId: node.id, emptyShardId: emptyShard.id };
}

/** A PENDING tenant row, as the API writes it before starting createTenantWorkflow. */
export function insertTenant(db: Db, brandId: string, shardId: string, uid = randomUid()): Promise<TenantModel> {
  return db.tenant.create({ data: { name: randomTenantName(), uid, brandId, shardId } });
}

export function tenantRow(db: Db, id: string): Promise<TenantModel> {
  return db.tenant.findUniqueOrThrow({ where: { id } });
}

/** The tenant's events in cursor order, compact: `STATUS ACTIVE`, `STEP <step> <state>`. */
export async function tenantEvents(db: Db, tenantId: string, afterCursor = 0n): Promise<string[]> {
  const events = await db.event.findMany({
    where: { resourceId: tenantId, cursor: { gt: afterCursor } },
    orderBy: { cursor: 'asc' },
  });
  return events.map((e) => (e.kind === 'STEP' ? `STEP ${e.step} ${e.stepState}` : `${e.kind} ${e.status}`));
}

export async function lastCursor(db: Db): Promise<bigint> {
  const last = await db.event.findFirst({ orderBy: { cursor: 'desc' }, select: { cursor: true } });
  return last?.cursor ?? 0n;
}
