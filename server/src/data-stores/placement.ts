import { decodeIdOf, UserErrorCode, type UserError, type Viewer } from '@hostplane/schema';
import { refusal } from '../common/refuse.js';
import { isGone } from '../resources/gone.js';
import type { Db } from '../db/index.js';
import { READINESS_SELECT, shardCanServe } from '../infrastructure/node-readiness.js';
import { findVisibleTenant } from '../tenants/tenant-access.js';

export type StoreRole = 'DATABASE' | 'VALKEY';
type Tenant = NonNullable<Awaited<ReturnType<typeof findVisibleTenant>>>;
export type StorePlacement = { tenant: Tenant; shardId: string } | { userErrors: UserError[] };

/** The tenant a new database or instance belongs to: visible to the key and not being deleted. */
export async function resolveOwner(db: Db, viewer: Viewer, tenantGlobalId: string) {
  const tenant = await findVisibleTenant(db, viewer, tenantGlobalId);
  if (!tenant) return refusal('tenantId', 'Tenant not found.', UserErrorCode.NOT_FOUND);
  if (isGone(tenant.status)) {
    return refusal('tenantId', `Tenant ${tenant.name} is ${tenant.status}.`, UserErrorCode.INVALID_STATE);
  }
  return { tenant };
}

/** A shard of `role` with nodes, by global id (another role's shard is refused by name). */
export async function resolveShard(db: Db, role: StoreRole, globalId: string, field = 'shardId') {
  const id = decodeIdOf('Shard', globalId);
  const shard = id
    ? await db.shard.findUnique({ where: { id }, include: { _count: { select: { nodes: true } } } })
    : null;
  if (!shard) return refusal(field, 'Shard not found.', UserErrorCode.NOT_FOUND);
  if (shard.role !== role) return refusal(field, `Shard ${shard.name} is not a ${role} shard.`);
  if (shard._count.nodes === 0) return refusal(field, `Shard ${shard.name} has no nodes.`, UserErrorCode.INVALID_STATE);
  return { shardId: shard.id };
}

/** The program a node of each role must report for automatic placement (see shardCanServe). */
const SERVING_PROGRAM: Record<StoreRole, string> = { DATABASE: 'mysql', VALKEY: 'redis-server' };

/** The least-loaded shard of `role` whose nodes can serve it (by live databases or instances). */
async function leastLoaded(db: Db, role: StoreRole) {
  const live = { where: { status: { not: 'DELETED' as const } } };
  const shards = await db.shard.findMany({
    where: { role, nodes: { some: {} } },
    select: {
      id: true,
      ...READINESS_SELECT,
      _count: { select: role === 'DATABASE' ? { databases: live } : { valkeyInstances: live } },
    },
  });
  const candidates = shards.filter((shard) => shardCanServe(shard, SERVING_PROGRAM[role]));
  const load = (c: (typeof candidates)[number]) =>
    (c._count as { databases?: number; valkeyInstances?: number }).databases ??
    (c._count as { valkeyInstances?: number }).valkeyInstances ??
    0;
  const least = candidates.sort((a, b) => load(a) - load(b) || a.id.localeCompare(b.id))[0];
  if (!least) {
    const message = `No ${role} shard has nodes that have reported, lately, having ${SERVING_PROGRAM[role]}.`;
    return refusal('shardId', message, UserErrorCode.INVALID_STATE);
  }
  return { shardId: least.id };
}

/**
 * Where a new database or Valkey instance goes: the tenant must be one the key may see (another
 * brand's is reported exactly like a missing one); the shard the given one, else the least loaded.
 */
export async function resolvePlacement(
  db: Db,
  viewer: Viewer,
  input: { tenantId: string; shardId?: string | null },
  role: StoreRole,
): Promise<StorePlacement> {
  const owner = await resolveOwner(db, viewer, input.tenantId);
  if ('userErrors' in owner) return owner;
  const shard = input.shardId ? await resolveShard(db, role, input.shardId) : await leastLoaded(db, role);
  if ('userErrors' in shard) return shard;
  return { tenant: owner.tenant, shardId: shard.shardId };
}
