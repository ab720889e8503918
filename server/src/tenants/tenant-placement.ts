import {
  decodeIdOf,
  userError,
  UserErrorCode,
  type CreateTenantInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import type { Db } from '../db/index.js';
import { READINESS_SELECT, shardCanServe } from '../infrastructure/node-readiness.js';

export type Placement = { brandId: string; shardId: string } | { userErrors: UserError[] };

/**
 * Where a new tenant goes: the brand must be one the key may act on (another brand's id is
 * reported exactly like a missing one), the shard a WEB shard with nodes; without a shard,
 * the least-loaded WEB shard whose nodes can serve sites (see `shardCanServe`).
 */
export async function resolvePlacement(db: Db, viewer: Viewer, input: CreateTenantInput): Promise<Placement> {
  const brandId = decodeIdOf('Brand', input.brandId);
  const brand = brandId ? await db.brand.findUnique({ where: { id: brandId }, select: { id: true } }) : null;
  if (!brand || !viewer.canAccessBrand(brand.id)) {
    return { userErrors: [userError('brandId', 'Brand not found.', UserErrorCode.NOT_FOUND)] };
  }
  if (input.shardId) {
    const shardId = decodeIdOf('Shard', input.shardId);
    const shard = shardId
      ? await db.shard.findUnique({ where: { id: shardId }, include: { _count: { select: { nodes: true } } } })
      : null;
    if (!shard) return { userErrors: [userError('shardId', 'Shard not found.', UserErrorCode.NOT_FOUND)] };
    if (shard.role !== 'WEB') return { userErrors: [userError('shardId', `Shard ${shard.name} is not a WEB shard.`)] };
    if (shard._count.nodes === 0) {
      return { userErrors: [userError('shardId', `Shard ${shard.name} has no nodes.`, UserErrorCode.INVALID_STATE)] };
    }
    return { brandId: brand.id, shardId: shard.id };
  }
  const candidates = await db.shard.findMany({
    where: { role: 'WEB', nodes: { some: {} } },
    select: {
      id: true,
      ...READINESS_SELECT,
      _count: { select: { tenants: { where: { status: { not: 'DELETED' } } } } },
    },
  });
  const least = candidates
    .filter((shard) => shardCanServe(shard, 'nginx'))
    .sort((a, b) => a._count.tenants - b._count.tenants)[0];
  if (!least) {
    const message = 'No WEB shard has nodes that have reported, lately, that they can serve sites.';
    return { userErrors: [userError('shardId', message, UserErrorCode.INVALID_STATE)] };
  }
  return { brandId: brand.id, shardId: least.id };
}
