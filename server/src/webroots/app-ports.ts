import type { DbTx } from '../db/index.js';

/**
 * The lowest free app port of a shard in `range`, or null when the range is used up. Webroots
 * carry no shard of their own (they live on their tenant's), so uniqueness per shard is kept by
 * a transaction-scoped advisory lock on the shard: concurrent allocations queue behind it and
 * each sees the ports the others committed.
 */
export async function allocateAppPort(
  tx: DbTx,
  shardId: string,
  range: { min: number; max: number },
  exceptWebrootId?: string,
): Promise<number | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webroot-app-ports:${shardId}`}))`;
  const rows = await tx.webroot.findMany({
    where: {
      appPort: { not: null },
      status: { not: 'DELETED' },
      tenant: { shardId },
      ...(exceptWebrootId ? { id: { not: exceptWebrootId } } : {}),
    },
    select: { appPort: true },
  });
  const used = new Set(rows.map((r) => r.appPort));
  for (let port = range.min; port <= range.max; port++) if (!used.has(port)) return port;
  return null;
}
