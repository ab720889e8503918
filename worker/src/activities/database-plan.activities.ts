import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import { intendsSuspended, SUSPENSION } from './tenant-suspension.js';

/** What the database workflows act on, read in one activity. Holds password hashes: never log it. */
export interface DatabasePlan {
  database: {
    id: string;
    name: string;
    charset: string;
    collation: string;
    shardId: string;
    migratingToShardId: string | null;
  };
  /** Nodes of the database's shard, in a stable order. */
  nodeIds: string[];
  /** Nodes of the shard a migration moves it to (empty otherwise). */
  targetNodeIds: string[];
  /** Where users may log in from on the current shard: its cluster's nodes plus the access rules. */
  hosts: string[];
  /** The same for the migration's target shard. */
  targetHosts: string[];
  /** Users that should exist (neither DELETING nor DELETED). */
  users: { id: string; name: string; passwordHash: string; privileges: 'ALL' | 'READ_ONLY' }[];
  /** The tenant is suspended (or being suspended): every account is locked. */
  locked: boolean;
}

const GONE = ['DELETING', 'DELETED'] as const;

/** A shard's nodes, sorted; a non-retryable failure when there are none and they are required. */
export async function nodesOf(db: Db, shardId: string, requireNodes = true): Promise<string[]> {
  const shard = await db.shard.findUniqueOrThrow({
    where: { id: shardId },
    select: { name: true, nodes: { select: { nodeId: true } } },
  });
  const nodeIds = shard.nodes.map((n) => n.nodeId).sort();
  if (nodeIds.length === 0 && requireNodes) {
    throw ApplicationFailure.nonRetryable(`shard ${shard.name} (${shardId}) has no nodes`, 'ShardHasNoNodes');
  }
  return nodeIds;
}

/**
 * The internal network of a database shard: every node of its cluster (the web nodes that run
 * the tenant's sites among them), `localhost` too where a node is the loopback address.
 */
async function internalHosts(db: Db, shardId: string): Promise<string[]> {
  const shard = await db.shard.findUniqueOrThrow({ where: { id: shardId }, select: { clusterId: true } });
  const nodes = await db.node.findMany({ where: { clusterId: shard.clusterId }, select: { ipAddress: true } });
  const ips = nodes.flatMap((n) => (n.ipAddress ? [n.ipAddress] : []));
  const loopback = ips.some((ip) => ip === '127.0.0.1' || ip === '::1');
  return [...new Set([...ips, ...(loopback ? ['localhost'] : [])])].sort();
}

export function createDatabasePlanActivities(db: Db) {
  async function loadDatabasePlan(databaseId: string, options: { requireNodes?: boolean } = {}): Promise<DatabasePlan> {
    const row = await db.database.findUnique({ where: { id: databaseId }, include: { tenant: SUSPENSION } });
    if (!row) throw ApplicationFailure.nonRetryable(`database ${databaseId} does not exist`, 'DatabaseNotFound');
    const [nodeIds, targetNodeIds, rules, users] = await Promise.all([
      nodesOf(db, row.shardId, options.requireNodes !== false),
      row.migratingToShardId ? nodesOf(db, row.migratingToShardId, options.requireNodes !== false) : [],
      db.databaseAccessRule.findMany({ where: { databaseId, status: { notIn: [...GONE] } }, orderBy: { cidr: 'asc' } }),
      db.databaseUser.findMany({ where: { databaseId, status: { notIn: [...GONE] } }, orderBy: { name: 'asc' } }),
    ]);
    const external = rules.map((r) => r.cidr);
    const hostsOf = async (shardId: string) => [...new Set([...(await internalHosts(db, shardId)), ...external])];
    const { id, name, charset, collation, shardId, migratingToShardId } = row;
    return {
      database: { id, name, charset, collation, shardId, migratingToShardId },
      nodeIds,
      targetNodeIds,
      hosts: await hostsOf(shardId),
      targetHosts: migratingToShardId ? await hostsOf(migratingToShardId) : [],
      users: users.map((u) => ({ id: u.id, name: u.name, passwordHash: u.passwordHash, privileges: u.privileges })),
      locked: intendsSuspended(row.tenant),
    };
  }

  return {
    loadDatabasePlan,

    /** A user (even one being deleted) and its database's plan. */
    async loadDatabaseUserPlan(userId: string) {
      const user = await db.databaseUser.findUnique({ where: { id: userId } });
      if (!user)
        throw ApplicationFailure.nonRetryable(`database user ${userId} does not exist`, 'DatabaseUserNotFound');
      const plan = await loadDatabasePlan(user.databaseId, { requireNodes: user.status !== 'DELETING' });
      const { id, name, passwordHash, privileges, databaseId } = user;
      return { user: { id, name, passwordHash, privileges, databaseId }, plan };
    },

    /** The database an access rule belongs to. */
    async databaseOfRule(ruleId: string): Promise<string> {
      const rule = await db.databaseAccessRule.findUnique({ where: { id: ruleId }, select: { databaseId: true } });
      if (!rule)
        throw ApplicationFailure.nonRetryable(`access rule ${ruleId} does not exist`, 'DatabaseAccessRuleNotFound');
      return rule.databaseId;
    },
  };
}
