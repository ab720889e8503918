import type { Db } from '@hostplane/server/db';
import { appendEvent } from '@hostplane/server/events';
import { ownerOf, setResourceStatus } from '@hostplane/server/resources';
import type { DataStoreResourceType } from '@hostplane/server/temporal';
import type { Logger } from 'pino';
import type { ResourceRef as AnyResourceRef } from './resource.activities.js';
import { createDatabasePlanActivities } from './database-plan.activities.js';
import { createValkeyPlanActivities } from './valkey-plan.activities.js';

export interface DataStoreActivityDeps {
  db: Db;
  logger: Logger;
}

/** A database, a Valkey instance or one of their users or rules. */
export type ResourceRef = AnyResourceRef<DataStoreResourceType>;

/**
 * Control-plane activities of the database and Valkey workflows (they run in the worker, next
 * to PostgreSQL): the plans workflows act on, children marked deleted with their parent, and the
 * switch of a migrated resource to its new shard. Statuses and steps: resource.activities.ts.
 */
export function createDataStoreActivities({ db }: DataStoreActivityDeps) {
  return {
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
