import { ApplicationFailure } from '@temporalio/activity';
import type { WebrootSpec } from '@hostplane/contract/webroots';
import type { Db, ResourceStatus } from '@hostplane/server/db';
import type { SecretsVault } from '@hostplane/server/secrets';
import { setResourceStatus } from '@hostplane/server/resources';
import { shardBackendName } from '@hostplane/server/temporal';
import type { Logger } from 'pino';
import { createConvergenceActivities } from './convergence.activities.js';
import {
  hostnamesOf,
  lbNodesOf,
  lbSpecOf,
  liveWebroots,
  nodesOfShard,
  serviceHostnameOf,
  webrootSelect,
  webrootSpecOf,
} from './web-plans.js';

export interface WebHostingActivityDeps {
  db: Db;
  logger: Logger;
  /** Port the web nodes' nginx listens on, as the load balancers reach it (the agents' HOSTPLANE_NGINX_LISTEN). */
  webBackendPort: number;
  /** Opens webroots' secrets for their specs (HOSTPLANE_SECRETS_KEY); without it a webroot with secrets fails. */
  vault?: SecretsVault | undefined;
}

/** What a webroot or FQDN workflow acts on: the webroot's spec, its web nodes and load balancers. */
export interface WebrootPlan {
  webroot: { id: string; name: string; tenantName: string; status: ResourceStatus };
  spec: WebrootSpec;
  webNodeIds: string[];
  lb: { clusterId: string; nodeIds: string[]; backend: string };
  /** Host names the load balancer routes to it now. */
  routed: string[];
  /** Every host name it has or had (for removal): its FQDNs and its service hostname. */
  allHostnames: string[];
  serviceHostname: string;
}

const notFound = (what: string, id: string) =>
  ApplicationFailure.nonRetryable(`${what} ${id} does not exist`, 'WebResourceNotFound');

/**
 * Control-plane activities of the webroot, FQDN and convergence workflows (they run in the
 * worker, next to PostgreSQL): the desired state the node activities get. Statuses and steps:
 * resource.activities.ts.
 */
export function createWebHostingActivities({ db, webBackendPort, vault }: WebHostingActivityDeps) {
  async function webrootPlan(webrootId: string): Promise<WebrootPlan> {
    const row = await db.webroot.findUnique({ where: { id: webrootId }, select: webrootSelect });
    if (!row) throw notFound('webroot', webrootId);
    const shard = await db.shard.findUniqueOrThrow({ where: { id: row.tenant.shardId } });
    const [webNodes, lbNodes] = await Promise.all([nodesOfShard(db, shard.id), lbNodesOf(db, shard.clusterId)]);
    if (webNodes.length === 0)
      throw ApplicationFailure.nonRetryable(`shard ${shard.name} has no nodes`, 'ShardHasNoNodes');
    const service = serviceHostnameOf(row);
    return {
      webroot: { id: row.id, name: row.name, tenantName: row.tenant.name, status: row.status },
      spec: webrootSpecOf(row, vault),
      webNodeIds: webNodes.map((n) => n.id),
      lb: {
        clusterId: shard.clusterId,
        nodeIds: lbNodes.map((n) => n.id),
        backend: shardBackendName(shard.name),
      },
      routed: row.status === 'DELETING' || row.status === 'DELETED' ? [] : hostnamesOf(row),
      allHostnames: [...row.fqdns.map((f) => f.hostname), service],
      serviceHostname: service,
    };
  }

  return {
    /** The webroot's spec and where it lives (web nodes, load balancers). */
    loadWebrootPlan: webrootPlan,

    /** An FQDN's host name and status, with its webroot's plan. */
    async loadFqdnPlan(fqdnId: string) {
      const fqdn = await db.fqdn.findUnique({
        where: { id: fqdnId },
        select: { id: true, hostname: true, status: true, webrootId: true },
      });
      if (!fqdn) throw notFound('FQDN', fqdnId);
      return { fqdn, plan: await webrootPlan(fqdn.webrootId) };
    },

    /** The whole load balancer of a cluster (what a load-balancer step falls back to). */
    loadLbSpec: (clusterId: string) => lbSpecOf(db, clusterId, webBackendPort),

    /**
     * The specs of a tenant's live webroots, with `suspended` forced (suspend and unsuspend
     * cascade before the tenant's own status changes), and every host name they route.
     */
    async loadTenantSites(input: { tenantId: string; suspended?: boolean }) {
      const rows = await liveWebroots(db, { tenantId: input.tenantId }, true);
      const tenant = await db.tenant.findUniqueOrThrow({
        where: { id: input.tenantId },
        select: { shard: true },
      });
      const lbNodes = await lbNodesOf(db, tenant.shard.clusterId);
      return {
        specs: rows.map((row) => webrootSpecOf(row, vault, input.suspended)),
        webroots: rows.map((row) => ({ id: row.id, name: row.name })),
        hostnames: rows.flatMap((row) => [...row.fqdns.map((f) => f.hostname), serviceHostnameOf(row)]),
        lbNodeIds: lbNodes.map((n) => n.id),
        clusterId: tenant.shard.clusterId,
      };
    },

    /**
     * Marks the FQDNs and daemons of removed webroots DELETED, and the webroots too when `withWebroots`
     * (a tenant's delete; a webroot's own delete sets its status itself). Each with its event.
     */
    async markSitesDeleted(input: { webrootIds: string[]; withWebroots: boolean }): Promise<void> {
      const gone = { status: { not: 'DELETED' as const } };
      const fqdns = await db.fqdn.findMany({
        where: { webrootId: { in: input.webrootIds }, ...gone },
        select: { id: true },
      });
      const daemons = await db.daemon.findMany({
        where: { webrootId: { in: input.webrootIds }, ...gone },
        select: { id: true },
      });
      const rows = [
        ...fqdns.map((r) => ({ type: 'Fqdn' as const, id: r.id })),
        ...daemons.map((r) => ({ type: 'Daemon' as const, id: r.id })),
        ...(input.withWebroots ? input.webrootIds.map((id) => ({ type: 'Webroot' as const, id })) : []),
      ];
      for (const row of rows) {
        await setResourceStatus(db, {
          resourceType: row.type,
          resourceId: row.id,
          status: 'DELETED',
          statusMessage: null,
          expectFrom: ['PENDING', 'PROVISIONING', 'ACTIVE', 'FAILED', 'SUSPENDED', 'DELETING'],
        });
      }
    },

    ...createConvergenceActivities({ db, webBackendPort, vault }),
  };
}

export type WebHostingControlActivities = ReturnType<typeof createWebHostingActivities>;
