import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import type { Logger } from 'pino';

export interface TenantActivityDeps {
  db: Db;
  logger: Logger;
}

/** What a lifecycle workflow needs to know about a tenant: its account and where it lives. */
export interface TenantPlan {
  tenant: { id: string; name: string; uid: number; brandId: string };
  /** Nodes of the tenant's shard, in a stable order. */
  nodeIds: string[];
}

export interface TenantDataStore {
  id: string;
  name: string;
  status: string;
  statusMessage: string | null;
}

export interface TenantDataStores {
  databases: TenantDataStore[];
  valkeyInstances: TenantDataStore[];
}

/** Plan reads of the tenant workflows; they run in the worker, next to the DB (statuses and steps: resource.activities.ts). */
export function createTenantActivities({ db }: TenantActivityDeps) {
  return {
    /**
     * Loads the tenant and its shard's nodes. A missing tenant, or a shard without nodes when
     * `requireNodes` (the default), is a non-retryable failure with a readable message.
     * Delete passes `requireNodes: false`: with no nodes there is nothing left to remove.
     */
    async loadTenantPlan(tenantId: string, options: { requireNodes?: boolean } = {}) {
      const tenant = await db.tenant.findUnique({
        where: { id: tenantId },
        select: {
          id: true,
          name: true,
          uid: true,
          brandId: true,
          shard: { select: { id: true, name: true, nodes: { select: { nodeId: true } } } },
        },
      });
      if (!tenant) {
        throw ApplicationFailure.nonRetryable(`tenant ${tenantId} does not exist`, 'TenantNotFound');
      }
      const nodeIds = tenant.shard.nodes.map((n) => n.nodeId).sort();
      if (nodeIds.length === 0 && options.requireNodes !== false) {
        const shard = `${tenant.shard.name} (${tenant.shard.id})`;
        throw ApplicationFailure.nonRetryable(`shard ${shard} has no nodes`, 'ShardHasNoNodes');
      }
      const { id, name, uid, brandId } = tenant;
      return { tenant: { id, name, uid, brandId }, nodeIds } satisfies TenantPlan;
    },

    /**
     * The tenant's databases and Valkey instances not yet DELETED, by name (a tenant's delete
     * removes them first; their users and rules go with them).
     */
    async listTenantDataStores(tenantId: string): Promise<TenantDataStores> {
      const where = { tenantId, status: { not: 'DELETED' as const } };
      const select = { id: true, name: true, status: true, statusMessage: true };
      const [databases, valkeyInstances] = await Promise.all([
        db.database.findMany({ where, select, orderBy: { name: 'asc' } }),
        db.valkeyInstance.findMany({ where, select, orderBy: { name: 'asc' } }),
      ]);
      return { databases, valkeyInstances };
    },
  };
}

export type TenantActivities = ReturnType<typeof createTenantActivities>;
