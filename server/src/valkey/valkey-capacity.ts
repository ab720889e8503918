import type { DbTx } from '../db/index.js';

/** Advisory lock serializing Valkey port and memory allocation ("hp_valkey"). */
const VALKEY_ALLOCATION_LOCK = 0x68705f76;

export interface ValkeyLimits {
  portRange: { min: number; max: number };
  memoryAllowanceMb: number;
}

export interface NodeUsage {
  /** Ports taken on any node of the shard (by instances of any shard sharing the node). */
  ports: Set<number>;
  /** The most any node of the shard has already given away. */
  memoryMb: number;
}

/**
 * What the shard's nodes already carry: ports and memory of every live instance placed (or
 * being migrated) on a shard that shares a node with it. Takes the allocation lock, so the
 * caller's insert or update in the same transaction cannot race another allocation.
 */
export async function usageOfShard(tx: DbTx, shardId: string, excludeInstanceId?: string): Promise<NodeUsage> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${VALKEY_ALLOCATION_LOCK})`;
  const nodes = await tx.nodeShard.findMany({ where: { shardId }, select: { nodeId: true } });
  const links = await tx.nodeShard.findMany({ where: { nodeId: { in: nodes.map((n) => n.nodeId) } } });
  const shardIds = [...new Set(links.map((l) => l.shardId))];
  const instances = await tx.valkeyInstance.findMany({
    where: {
      status: { not: 'DELETED' },
      OR: [{ shardId: { in: shardIds } }, { migratingToShardId: { in: shardIds } }],
      ...(excludeInstanceId ? { id: { not: excludeInstanceId } } : {}),
    },
    select: { port: true, maxMemoryMb: true, shardId: true, migratingToShardId: true },
  });
  let memoryMb = 0;
  for (const { nodeId } of nodes) {
    const onNode = new Set(links.filter((l) => l.nodeId === nodeId).map((l) => l.shardId));
    const here = instances.filter(
      (i) => onNode.has(i.shardId) || (i.migratingToShardId && onNode.has(i.migratingToShardId)),
    );
    memoryMb = Math.max(
      memoryMb,
      here.reduce((sum, i) => sum + i.maxMemoryMb, 0),
    );
  }
  return { ports: new Set(instances.map((i) => i.port)), memoryMb };
}

/** `preferred` when free, else the lowest free port of the range; null when the range is full. */
export function choosePort(usage: NodeUsage, limits: ValkeyLimits, preferred?: number): number | null {
  const { min, max } = limits.portRange;
  if (preferred !== undefined && preferred >= min && preferred <= max && !usage.ports.has(preferred)) return preferred;
  for (let port = min; port <= max; port++) if (!usage.ports.has(port)) return port;
  return null;
}

/** Why `maxMemoryMb` does not fit, or null. */
export function memoryProblem(usage: NodeUsage, limits: ValkeyLimits, maxMemoryMb: number): string | null {
  if (!Number.isInteger(maxMemoryMb) || maxMemoryMb < 1)
    return 'maxMemoryMb must be a whole number of MiB, at least 1.';
  const left = limits.memoryAllowanceMb - usage.memoryMb;
  if (maxMemoryMb > left) {
    return `maxMemoryMb ${maxMemoryMb} exceeds what the shard's nodes have left (${Math.max(0, left)} of ${limits.memoryAllowanceMb} MiB).`;
  }
  return null;
}
