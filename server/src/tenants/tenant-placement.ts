import {
  decodeIdOf,
  userError,
  UserErrorCode,
  type CreateTenantInput,
  type UserError,
  type Viewer,
} from '@hostplane/schema';
import type { CapabilityReport } from '@hostplane/node-agent/contract';
import type { Db } from '../db/index.js';

export type Placement = { brandId: string; shardId: string } | { userErrors: UserError[] };

/**
 * Where a new tenant goes: the brand must be one the key may act on (another brand's id is
 * reported exactly like a missing one), the shard a WEB shard with nodes; without a shard,
 * the least-loaded WEB shard whose nodes can serve sites (see `canServeSites`).
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
      nodes: { select: { node: { select: { capabilities: true, capabilitiesReportedAt: true } } } },
      _count: { select: { tenants: { where: { status: { not: 'DELETED' } } } } },
    },
  });
  const now = Date.now();
  const least = candidates
    .filter((shard) => shard.nodes.every(({ node }) => canServeSites(node, now)))
    .sort((a, b) => a._count.tenants - b._count.tenants)[0];
  if (!least) {
    const message = 'No WEB shard has nodes that have reported, lately, that they can serve sites.';
    return { userErrors: [userError('shardId', message, UserErrorCode.INVALID_STATE)] };
  }
  return { brandId: brand.id, shardId: least.id };
}

/** Node agents report every 10 minutes; one silent for three reports is taken as gone. */
const REPORT_FRESHNESS_MS = 30 * 60_000;

/**
 * Automatic placement never picks a shard with a node that is silent (never reported, or not
 * lately: its agent is down or was never installed) or that lacks nginx, which every site
 * needs: the tenant would hang or its sites fail there. An explicit shard is still taken.
 */
function canServeSites(node: { capabilities: unknown; capabilitiesReportedAt: Date | null }, now: number): boolean {
  if (!node.capabilitiesReportedAt || now - node.capabilitiesReportedAt.getTime() > REPORT_FRESHNESS_MS) return false;
  const reports = Array.isArray(node.capabilities) ? (node.capabilities as CapabilityReport[]) : [];
  return reports.some((report) => report.name === 'nginx' && report.available);
}
