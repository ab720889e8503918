import { randomUUID } from 'node:crypto';
import { ShardRole } from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { applyClusterSpec } from '../infrastructure/apply-cluster.js';
import { generateShortName } from '../tenants/tenant-name.js';

/** A brand and a WEB shard with two nodes of their own, so concurrent tests never collide. */
export async function seedBrandAndShard(db: Db) {
  const tag = randomUUID().slice(0, 8);
  const brand = await db.brand.create({
    data: {
      name: `seed-${tag}`,
      baseHostname: `${tag}.example.test`,
      nsHostnames: [`ns1.${tag}.example.test`, `ns2.${tag}.example.test`],
      hostmasterEmail: `hostmaster@${tag}.example.test`,
    },
  });
  const applied = await applyClusterSpec(db, {
    region: `seed-${tag}`,
    cluster: `seed-${tag}`,
    lbAddresses: [],
    shards: [{ name: 'web', role: ShardRole.WEB }],
    nodes: [
      { hostname: `web1-${tag}`, ipAddress: null, shards: ['web'] },
      { hostname: `web2-${tag}`, ipAddress: null, shards: ['web'] },
    ],
  });
  const shard = await db.shard.findFirstOrThrow({ where: { clusterId: applied.cluster!.id, name: 'web' } });
  return { brand, shard };
}

/** Bare ACTIVE tenant rows (no workflow): for list, pagination and statement-count checks. */
export async function seedTenantRows(db: Db, brandId: string, shardId: string, count: number) {
  await db.tenant.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      brandId,
      shardId,
      name: generateShortName('t_'),
      displayName: `Seeded tenant ${i}`,
      status: 'ACTIVE' as const,
    })),
  });
}
