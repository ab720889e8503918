import { ApplicationFailure } from '@temporalio/activity';
import { DEFAULT_VALKEY_PORT_RANGE, type ValkeyUserSpec } from '@hostplane/contract/data-stores';
import type { Db } from '@hostplane/server/db';
import { nodesOf } from './database-plan.activities.js';
import { intendsSuspended, SUSPENSION } from './tenant-suspension.js';

/** What the Valkey workflows act on, read in one activity. Holds password hashes: never log it. */
export interface ValkeyPlan {
  instance: { id: string; name: string; port: number; maxMemoryMb: number; evictionPolicy: string; ownerUid: number };
  nodeIds: string[];
  /** Nodes of the shard a migration moves it to (empty otherwise). */
  targetNodeIds: string[];
  /** Users that should exist (neither DELETING nor DELETED), as the agent takes them (disabled while the tenant is suspended). */
  users: ValkeyUserSpec[];
}

/** Advisory lock shared with the API's allocation ("hp_valkey"). */
const VALKEY_ALLOCATION_LOCK = 0x68705f76;

export function createValkeyPlanActivities(db: Db, range: { min: number; max: number } = DEFAULT_VALKEY_PORT_RANGE) {
  return {
    async loadValkeyPlan(instanceId: string, options: { requireNodes?: boolean } = {}): Promise<ValkeyPlan> {
      const tenant = { select: { ...SUSPENSION.select, uid: true } };
      const row = await db.valkeyInstance.findUnique({ where: { id: instanceId }, include: { tenant } });
      if (!row)
        throw ApplicationFailure.nonRetryable(`Valkey instance ${instanceId} does not exist`, 'ValkeyInstanceNotFound');
      const [nodeIds, targetNodeIds, users] = await Promise.all([
        nodesOf(db, row.shardId, options.requireNodes !== false),
        row.migratingToShardId ? nodesOf(db, row.migratingToShardId, options.requireNodes !== false) : [],
        db.valkeyUser.findMany({
          where: { instanceId, status: { notIn: ['DELETING', 'DELETED'] } },
          orderBy: { name: 'asc' },
        }),
      ]);
      const disabled = intendsSuspended(row.tenant);
      const { id, name, port, maxMemoryMb, evictionPolicy } = row;
      return {
        instance: { id, name, port, maxMemoryMb, evictionPolicy, ownerUid: row.tenant.uid },
        nodeIds,
        targetNodeIds,
        users: users.map((u) => ({
          name: u.name,
          passwordHash: u.passwordHash,
          rules: { keys: u.keyPatterns, channels: u.channels, commands: u.commands },
          ...(disabled ? { disabled } : {}),
        })),
      };
    },

    /** The instance of a Valkey user. */
    async instanceOfUser(userId: string): Promise<string> {
      const user = await db.valkeyUser.findUnique({ where: { id: userId }, select: { instanceId: true } });
      if (!user) throw ApplicationFailure.nonRetryable(`Valkey user ${userId} does not exist`, 'ValkeyUserNotFound');
      return user.instanceId;
    },

    /**
     * The port a migrating instance takes on its target shard: its current one when free on
     * every target node (always so when source and target share the node), else the lowest free
     * one. Deterministic for a given database state, so a retried migration picks the same.
     */
    async targetPort(instanceId: string): Promise<number> {
      return db.$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${VALKEY_ALLOCATION_LOCK})`;
        const row = await tx.valkeyInstance.findUniqueOrThrow({ where: { id: instanceId } });
        if (!row.migratingToShardId) return row.port;
        const nodes = await tx.nodeShard.findMany({ where: { shardId: row.migratingToShardId } });
        const links = await tx.nodeShard.findMany({ where: { nodeId: { in: nodes.map((n) => n.nodeId) } } });
        const shardIds = [...new Set(links.map((l) => l.shardId))];
        const taken = await tx.valkeyInstance.findMany({
          where: {
            id: { not: row.id },
            status: { not: 'DELETED' },
            OR: [{ shardId: { in: shardIds } }, { migratingToShardId: { in: shardIds } }],
          },
          select: { port: true },
        });
        // (shardId, port) is unique over every row: DELETED instances' ports stay taken on their shard.
        const deleted = await tx.valkeyInstance.findMany({
          where: { shardId: row.migratingToShardId, status: 'DELETED' },
          select: { port: true },
        });
        const used = new Set([...taken, ...deleted].map((t) => t.port));
        if (!used.has(row.port)) return row.port;
        for (let port = range.min; port <= range.max; port++) if (!used.has(port)) return port;
        throw ApplicationFailure.nonRetryable('no free Valkey port on the target shard', 'ValkeyPortsExhausted');
      });
    },
  };
}
