import type { CapabilityReport } from '@hostplane/contract/capabilities';

/** Node agents report every 10 minutes; one silent for three reports is taken as gone. */
const REPORT_FRESHNESS_MS = 30 * 60_000;

/** The shard-node columns automatic placement reads (Prisma select). */
export const READINESS_SELECT = {
  nodes: { select: { node: { select: { capabilities: true, capabilitiesReportedAt: true } } } },
} as const;

type ReportedNode = { capabilities: unknown; capabilitiesReportedAt: Date | null };

/**
 * True when every node of a shard reported lately and has `program` (`nginx` for sites,
 * `redis-server` for Valkey, `mysql` for databases). Automatic placement takes only such shards:
 * on a silent node (agent down or never installed) or one without the program, a new resource
 * would hang or fail. An explicitly chosen shard is still taken, as the operator said.
 */
export function shardCanServe(shard: { nodes: Array<{ node: ReportedNode }> }, program: string, now = Date.now()) {
  return shard.nodes.length > 0 && shard.nodes.every(({ node }) => nodeCanServe(node, program, now));
}

function nodeCanServe(node: ReportedNode, program: string, now: number): boolean {
  if (!node.capabilitiesReportedAt || now - node.capabilitiesReportedAt.getTime() > REPORT_FRESHNESS_MS) return false;
  const reports = Array.isArray(node.capabilities) ? (node.capabilities as CapabilityReport[]) : [];
  return reports.some((report) => report.name === program && report.available);
}
