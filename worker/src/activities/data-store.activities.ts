import type { Db, ResourceStatus } from '@hostplane/server/db';
import { appendEvent, ASYNC_RESOURCES, ownerOf, publishEvent, setResourceStatus } from '@hostplane/server/events';
import type { DataStoreResourceType } from '@hostplane/server/temporal';
import type { Logger } from 'pino';
import { createDatabasePlanActivities } from './database-plan.activities.js';
import { createValkeyPlanActivities } from './valkey-plan.activities.js';

export interface DataStoreActivityDeps {
  db: Db;
  logger: Logger;
}

/** Which resource a workflow works on. */
export interface ResourceRef {
  type: DataStoreResourceType;
  id: string;
}

export interface ResourceStatusChange extends ResourceRef {
  status: ResourceStatus;
  /** null clears it; undefined keeps it. */
  statusMessage?: string | null;
  /** Apply only from these statuses, so a late workflow never overwrites a newer one. */
  expectFrom?: ResourceStatus[];
}

export interface ResourceStep extends ResourceRef {
  /** Human step name shown in panels, e.g. "database created". */
  step: string;
  state: 'STARTED' | 'SUCCEEDED' | 'FAILED';
  message: string;
}

interface StatusReader {
  findUnique(args: object): Promise<{ status: ResourceStatus } | null>;
}

/** The current status of any data-store resource (null when the row does not exist). */
async function statusOf(db: Db, ref: ResourceRef): Promise<ResourceStatus | null> {
  const model = (db as unknown as Record<string, StatusReader>)[ASYNC_RESOURCES[ref.type]]!;
  return (await model.findUnique({ where: { id: ref.id }, select: { status: true } }))?.status ?? null;
}

/**
 * Control-plane activities of the database and Valkey workflows (they run in the worker, next
 * to PostgreSQL): statuses and steps as events, the plans workflows act on, and the switch of
 * a migrated resource to its new shard.
 */
export function createDataStoreActivities({ db, logger }: DataStoreActivityDeps) {
  return {
    /**
     * Status + event + NOTIFY in one transaction. False when not in `expectFrom`, except when
     * already at `status` (a re-run local activity whose first attempt committed: idempotent).
     */
    async setResourceStatus(change: ResourceStatusChange): Promise<boolean> {
      const { type, id, ...rest } = change;
      if (await setResourceStatus(db, { resourceType: type, resourceId: id, ...rest })) {
        logger.info({ resourceType: type, resourceId: id, status: change.status }, 'status changed');
        return true;
      }
      return (await statusOf(db, { type, id })) === change.status;
    },

    /** Appends a STEP event (what the workflow is doing) for live progress in panels. */
    async recordResourceStep(input: ResourceStep): Promise<void> {
      const owner = await db.$transaction((tx) => ownerOf(tx, input.type, input.id));
      await publishEvent(db, {
        ...owner,
        resourceType: input.type,
        resourceId: input.id,
        kind: 'STEP',
        step: input.step,
        stepState: input.state,
        message: input.message,
      });
    },

    /** The status of a resource (workflows wait for a parent to be ACTIVE). */
    resourceStatus: (ref: ResourceRef): Promise<ResourceStatus | null> => statusOf(db, ref),

    /** Marks the children of a deleted database or instance DELETED, each with its event. */
    async markChildrenDeleted(parent: ResourceRef): Promise<number> {
      const children: ResourceRef[] =
        parent.type === 'Database'
          ? [
              ...(
                await db.databaseUser.findMany({
                  where: { databaseId: parent.id, status: { not: 'DELETED' } },
                  select: { id: true },
                })
              ).map((r) => ({ type: 'DatabaseUser' as const, id: r.id })),
              ...(
                await db.databaseAccessRule.findMany({
                  where: { databaseId: parent.id, status: { not: 'DELETED' } },
                  select: { id: true },
                })
              ).map((r) => ({ type: 'DatabaseAccessRule' as const, id: r.id })),
            ]
          : (
              await db.valkeyUser.findMany({
                where: { instanceId: parent.id, status: { not: 'DELETED' } },
                select: { id: true },
              })
            ).map((r) => ({ type: 'ValkeyUser' as const, id: r.id }));
      for (const child of children) {
        await setResourceStatus(db, {
          resourceType: child.type,
          resourceId: child.id,
          status: 'DELETED',
          statusMessage: null,
        });
      }
      return children.length;
    },

    /**
     * Points a migrated database or instance at its new shard (and new port) and clears the
     * migration mark: row and UPDATED event in one transaction. Idempotent.
     */
    async switchShard(input: ResourceRef & { port?: number }): Promise<void> {
      await db.$transaction(async (tx) => {
        const model = input.type === 'Database' ? tx.database : tx.valkeyInstance;
        const row = await (model as typeof tx.database).findUniqueOrThrow({
          where: { id: input.id },
          select: { migratingToShardId: true, status: true },
        });
        if (!row.migratingToShardId) return;
        const data = {
          shardId: row.migratingToShardId,
          migratingToShardId: null,
          ...(input.port ? { port: input.port } : {}),
        };
        await (model as unknown as { update(a: object): Promise<unknown> }).update({ where: { id: input.id }, data });
        await appendEvent(tx, {
          ...(await ownerOf(tx, input.type, input.id)),
          resourceType: input.type,
          resourceId: input.id,
          kind: 'UPDATED',
          status: row.status,
          message: 'moved to its new shard',
        });
      });
    },

    ...createDatabasePlanActivities(db),
    ...createValkeyPlanActivities(db),
  };
}

export type DataStoreControlActivities = ReturnType<typeof createDataStoreActivities>;
