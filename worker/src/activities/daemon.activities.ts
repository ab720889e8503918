import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/resources';
import { GONE_STATUSES } from '@hostplane/server/temporal';
import { nodesOfShard } from './web-plans.js';

const notFound = (id: string) => ApplicationFailure.nonRetryable(`daemon ${id} does not exist`, 'DaemonNotFound');

/**
 * Control-plane reads of the daemon workflows: which webroot a daemon's rollout writes (its
 * programs and routes are part of the webroot's spec, web-plans.ts), and where its logs are.
 */
export function createDaemonActivities({ db }: { db: Db }) {
  return {
    /** The daemon's webroot, and whether it is going (its delete then removes everything on the nodes). */
    async loadDaemonWebroot(id: string): Promise<{ webrootId: string; webrootGone: boolean }> {
      const row = await db.daemon.findUnique({
        where: { id },
        select: { webrootId: true, webroot: { select: { status: true } } },
      });
      if (!row) throw notFound(id);
      return {
        webrootId: row.webrootId,
        webrootGone: (GONE_STATUSES as readonly string[]).includes(row.webroot.status),
      };
    },

    /** What a log tail reads: the daemon's names and the nodes of its shard. */
    async loadDaemonLogPlan(id: string) {
      const row = await db.daemon.findUnique({
        where: { id },
        select: { name: true, webroot: { select: { name: true } }, tenant: { select: { name: true, shardId: true } } },
      });
      if (!row) throw notFound(id);
      const nodes = await nodesOfShard(db, row.tenant.shardId);
      return {
        tenant: row.tenant.name,
        webroot: row.webroot.name,
        daemon: row.name,
        nodes: nodes.map((n) => ({ id: n.id, hostname: n.hostname })),
      };
    },

    /**
     * The tenant's suspend and unsuspend, once its processes are stopped or started again
     * (its sites' specs): each ACTIVE daemon SUSPENDED, or each SUSPENDED one ACTIVE, with its
     * STATUS event. A daemon mid-change keeps its own workflow's outcome. The number changed.
     */
    async setTenantDaemonsSuspended({ tenantId, suspended }: { tenantId: string; suspended: boolean }) {
      const [from, to] = suspended ? (['ACTIVE', 'SUSPENDED'] as const) : (['SUSPENDED', 'ACTIVE'] as const);
      const daemons = await db.daemon.findMany({ where: { tenantId, status: from }, select: { id: true } });
      let changed = 0;
      for (const { id } of daemons) {
        const moved = await setResourceStatus(db, {
          resourceType: 'Daemon',
          resourceId: id,
          status: to,
          statusMessage: suspended ? 'stopped: its tenant is suspended' : null,
          expectFrom: [from],
        });
        if (moved) changed += 1;
      }
      return changed;
    },
  };
}

export type DaemonControlActivities = ReturnType<typeof createDaemonActivities>;
