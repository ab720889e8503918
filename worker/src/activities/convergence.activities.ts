import type { LbSpec, NodeWebSpec } from '@hostplane/contract/webroots';
import type { Db } from '@hostplane/server/db';
import type { SecretsVault } from '@hostplane/server/secrets';
import { publishEvent } from '@hostplane/server/events';
import { lbNodesOf, lbSpecOf, liveWebroots, nodesOfShard, webrootSpecOf } from './web-plans.js';

/** A node a convergence acts on. */
export interface ConvergenceNode {
  id: string;
  hostname: string;
}

/** Everything one shard convergence does, read from the database in one go. */
export interface ConvergencePlan {
  shard: { id: string; name: string; role: string };
  /** WEB shards: the nodes and the one spec every one of them must match. */
  web: { nodes: ConvergenceNode[]; spec: NodeWebSpec } | null;
  /** The cluster's load balancers and their full spec (null when the cluster has none). */
  lb: { nodes: ConvergenceNode[]; spec: LbSpec } | null;
}

/** One thing a convergence could not do; `webroot` names the webroot when it is one. */
export interface ConvergenceFailure {
  resource: string;
  webroot?: string;
  node: string | null;
  message: string;
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

/** Control-plane activities of convergeShardWorkflow. */
export function createConvergenceActivities({
  db,
  webBackendPort,
  vault,
}: {
  db: Db;
  webBackendPort: number;
  /** Opens webroots' secrets (web-plans.ts envOf). */
  vault?: SecretsVault | undefined;
}) {
  return {
    /** The shard's desired state: for a WEB shard its webroots (and the cluster's LB), for an LB shard the LB. */
    async loadConvergencePlan(shardId: string): Promise<ConvergencePlan> {
      const shard = await db.shard.findUniqueOrThrow({ where: { id: shardId } });
      const lbNodes = shard.role === 'LB' ? await nodesOfShard(db, shard.id) : await lbNodesOf(db, shard.clusterId);
      const lb =
        lbNodes.length > 0
          ? {
              nodes: lbNodes.map(({ id, hostname }) => ({ id, hostname })),
              spec: await lbSpecOf(db, shard.clusterId, webBackendPort),
            }
          : null;
      if (shard.role !== 'WEB') return { shard, web: null, lb };
      const [nodes, webroots] = await Promise.all([
        nodesOfShard(db, shard.id),
        liveWebroots(db, { tenant: { shardId: shard.id } }),
      ]);
      return {
        shard,
        web: {
          nodes: nodes.map(({ id, hostname }) => ({ id, hostname })),
          spec: { webroots: webroots.map((w) => webrootSpecOf(w, vault)) },
        },
        lb,
      };
    },

    /** Records the outcome on the run (errors with global ids) and a final step on the shard. */
    async finishConvergence(input: { convergenceId: string; shardId: string; failures: ConvergenceFailure[] }) {
      const names = input.failures.flatMap((f) => (f.webroot ? [f.webroot] : []));
      const ids = new Map(
        (
          await db.webroot.findMany({
            where: { name: { in: names } },
            select: { id: true, name: true },
          })
        ).map((w) => [w.name, w.id]),
      );
      const errors = input.failures.map((f) => ({
        resource: f.resource,
        resourceId: f.webroot && ids.has(f.webroot) ? globalId('Webroot', ids.get(f.webroot)!) : null,
        node: f.node,
        message: f.message,
      }));
      const ok = errors.length === 0;
      await db.shardConvergence.update({
        where: { id: input.convergenceId },
        data: { status: ok ? 'SUCCEEDED' : 'FAILED', finishedAt: new Date(), errors },
      });
      await publishEvent(db, {
        brandId: null,
        tenantId: null,
        resourceType: 'Shard',
        resourceId: input.shardId,
        kind: 'STEP',
        step: 'convergence',
        stepState: ok ? 'SUCCEEDED' : 'FAILED',
        message: `run ${input.convergenceId}: ${ok ? 'every resource converged' : `${errors.length} resource(s) could not be converged`}`,
      });
    },
  };
}
