import type { NodeCapabilitiesReport } from '@hostplane/contract/capabilities';
import type { Db } from '@hostplane/server/db';
import type { Logger } from 'pino';

/** Stores what node agents report about their nodes (they hold no database credentials). */
export function createNodeCapabilityActivities(deps: { db: Db; logger: Logger }) {
  return {
    /**
     * Writes a node's capabilities unless a newer report is already stored (two reports can
     * arrive out of order). A node deleted meanwhile is nothing to store.
     */
    async recordNodeCapabilities(report: NodeCapabilitiesReport): Promise<{ stored: boolean }> {
      const reportedAt = new Date(report.reportedAt);
      const { count } = await deps.db.node.updateMany({
        where: {
          id: report.nodeId,
          OR: [{ capabilitiesReportedAt: null }, { capabilitiesReportedAt: { lte: reportedAt } }],
        },
        data: { capabilities: report.capabilities as object[], capabilitiesReportedAt: reportedAt },
      });
      const missing = report.capabilities.filter((c) => !c.available).map((c) => c.name);
      deps.logger.info({ nodeId: report.nodeId, stored: count > 0, missing }, 'node capabilities recorded');
      return { stored: count > 0 };
    },
  };
}

export type NodeCapabilityActivities = ReturnType<typeof createNodeCapabilityActivities>;
