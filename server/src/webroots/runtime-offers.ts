import {
  availableRuntimeVersions,
  RUNTIME_CAPABILITY_PREFIXES,
  type CapabilityReport,
  type VersionedRuntime,
} from '@hostplane/contract/capabilities';
import type { Db } from '../db/index.js';

/** Versions per runtime that webroots may use, newest first (the first is the default). */
export type RuntimeOffers = Record<VersionedRuntime, string[]>;

const RUNTIMES = Object.keys(RUNTIME_CAPABILITY_PREFIXES) as VersionedRuntime[];

/** `8.10` after `8.9`: versions compare by number, segment by segment. */
function newestFirst(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (y[i] ?? 0) - (x[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * What a webroot can run on every node of a shard: the intersection of the runtime versions
 * each node reports as available. A node that never reported offers nothing, so a shard with
 * such a node (or no node) offers nothing either — a webroot would fail on it.
 */
export function intersectOffers(perNode: readonly RuntimeOffers[]): RuntimeOffers {
  const offers = Object.fromEntries(RUNTIMES.map((r) => [r, [] as string[]])) as RuntimeOffers;
  if (perNode.length === 0) return offers;
  for (const runtime of RUNTIMES) {
    const [first, ...rest] = perNode.map((node) => node[runtime]);
    offers[runtime] = [...new Set(first)]
      .filter((v) => rest.every((versions) => versions.includes(v)))
      .sort(newestFirst);
  }
  return offers;
}

/** The runtime versions every node of `shardId` reports (see intersectOffers). */
export async function shardRuntimeOffers(db: Db, shardId: string): Promise<RuntimeOffers> {
  const nodes = await db.node.findMany({ where: { shards: { some: { shardId } } }, select: { capabilities: true } });
  return intersectOffers(
    nodes.map((n) =>
      availableRuntimeVersions(Array.isArray(n.capabilities) ? (n.capabilities as unknown as CapabilityReport[]) : []),
    ),
  );
}
