import { ApplicationFailure } from '@temporalio/activity';
import type { Db, ResourceStatus } from '@hostplane/server/db';
import { publishEvent, setResourceStatus } from '@hostplane/server/events';
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

export interface TenantStatusChange {
  tenantId: string;
  status: ResourceStatus;
  /** null clears it; undefined keeps it. */
  statusMessage?: string | null;
  /** null clears it; undefined keeps what the API stored. */
  suspendReason?: string | null;
  /** Apply only from these statuses, so a late workflow never overwrites a newer one. */
  expectFrom?: ResourceStatus[];
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

export interface TenantStep {
  tenantId: string;
  brandId: string;
  /** Human step name shown in panels, e.g. "linux user created". */
  step: string;
  state: 'STARTED' | 'SUCCEEDED' | 'FAILED';
  message: string;
}

/** Control-plane activities of the tenant workflows; they run in the worker, next to the DB. */
export function createTenantActivities({ db, logger }: TenantActivityDeps) {
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
     * Commits status + event + NOTIFY in one transaction. Returns false when the tenant is not
     * in `expectFrom`, except when it is already at `status`: a local activity can be re-run
     * after its first attempt committed, and that must read as success (idempotent).
     */
    async setTenantStatus(change: TenantStatusChange): Promise<boolean> {
      const { tenantId, ...rest } = change;
      const applied = await setResourceStatus(db, {
        resourceType: 'Tenant',
        resourceId: tenantId,
        ...rest,
      });
      if (applied) {
        logger.info({ tenantId, status: change.status }, 'tenant status changed');
        return true;
      }
      const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
      return row?.status === change.status;
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

    /** Appends a STEP event (what the workflow is doing) for live progress in panels. */
    async recordTenantStep(input: TenantStep): Promise<void> {
      await publishEvent(db, {
        brandId: input.brandId,
        tenantId: input.tenantId,
        resourceType: 'Tenant',
        resourceId: input.tenantId,
        kind: 'STEP',
        step: input.step,
        stepState: input.state,
        message: input.message,
      });
    },
  };
}

export type TenantActivities = ReturnType<typeof createTenantActivities>;
