/**
 * First-run set-up, used by `npm start` and the test harness:
 *  - the first platform-admin API key, only when no key exists yet (printed once, never stored);
 *  - with --local-node, a local dev topology (region/cluster `local`, WEB shard `local-web`, LB shard `local-lb`,
 *    DATABASE shards `local-db`/`local-db-2`, VALKEY shards `local-valkey`/`local-valkey-2`,
 *    node `localhost` in all of them) so the node agent started beside the API has somewhere to work.
 *    With --second-data-node=<ip> too (the test platform), node `localhost-2` at that address is
 *    the only node of `local-db-2` and `local-valkey-2` instead, so a migration between the two
 *    shards moves data from one node (and MariaDB server) to another.
 *  - with --new-admin-key (`npm run admin-key`, the operator's way back in when the key is lost):
 *    a new platform-admin key, always, and every other platform-admin key revoked (their open
 *    WebSockets are closed too) unless --keep-other-admin-keys is given.
 * Prints one JSON line: {"adminKey": "hp_…" | null, "nodeId": "…", "shardId": "…", "revokedKeys": n}
 * (and "secondNodeId": "…" with --second-data-node).
 */
import { generateApiKeySecret } from './auth/api-key-secret.js';
import { createDb, type DbTx } from './db/index.js';
import { API_KEY_REVOKED_CHANNEL } from './events/channel.js';
import { applyClusterSpec } from './infrastructure/apply-cluster.js';
import { ShardRole } from '@hostplane/schema';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write('bootstrap: DATABASE_URL is required\n');
  process.exit(1);
}
const db = createDb(databaseUrl, { max: 2 });

async function ensureAdminKey(): Promise<string | null> {
  return db.$transaction(async (tx) => {
    // Two starts racing must not both mint a key: lock the table for this check.
    await tx.$executeRaw`LOCK TABLE "ApiKey" IN EXCLUSIVE MODE`;
    if ((await tx.apiKey.count()) > 0) return null;
    return createAdminKey(tx, 'bootstrap admin');
  });
}

async function createAdminKey(tx: DbTx, name: string): Promise<string> {
  const secret = generateApiKeySecret();
  await tx.apiKey.create({
    data: { name, scopes: ['*'], brandIds: ['*'], prefix: secret.prefix, secretHash: secret.secretHash },
  });
  return secret.plaintext;
}

/** A new platform-admin key; the other live ones revoked unless `keepOthers`. */
async function newAdminKey(keepOthers: boolean): Promise<{ adminKey: string; revokedKeys: number }> {
  return db.$transaction(async (tx) => {
    const others = keepOthers
      ? []
      : await tx.apiKey.findMany({
          where: { revokedAt: null, scopes: { has: '*' }, brandIds: { has: '*' } },
          select: { id: true },
        });
    const revokedAt = new Date();
    for (const { id } of others) {
      await tx.apiKey.update({ where: { id }, data: { revokedAt } });
      // The API closes that key's open WebSockets when it hears this (as for a revokeApiKey).
      await tx.$executeRaw`SELECT pg_notify(${API_KEY_REVOKED_CHANNEL}, ${id})`;
    }
    const adminKey = await createAdminKey(tx, `admin (npm run admin-key, ${revokedAt.toISOString()})`);
    return { adminKey, revokedKeys: others.length };
  });
}

/** The local node is its own load balancer too: HAProxy in front of its nginx, on loopback ports. */
const LOCAL_LB_SHARD = { name: 'local-lb', role: ShardRole.LB };

/** And its own authoritative DNS: PowerDNS for hosted zones, on a loopback port. */
const LOCAL_DNS_SHARD = { name: 'local-dns', role: ShardRole.DNS };

/** And its own mail: Postfix and Dovecot for hosted mail domains, on loopback ports. */
const LOCAL_MAIL_SHARD = { name: 'local-mail', role: ShardRole.EMAIL };

/**
 * The same local node also serves databases and Valkey, in two shards each, so moving a
 * database or an instance between shards can be tried on one machine. A second data node, when
 * asked for, takes the second shard of each: then a move really goes from one node to another.
 */
const FIRST_DATA_STORE_SHARDS = [
  { name: 'local-db', role: ShardRole.DATABASE },
  { name: 'local-valkey', role: ShardRole.VALKEY },
];
const SECOND_DATA_STORE_SHARDS = [
  { name: 'local-db-2', role: ShardRole.DATABASE },
  { name: 'local-valkey-2', role: ShardRole.VALKEY },
];
const SECOND_NODE_HOSTNAME = 'localhost-2';

async function ensureLocalNode(secondDataNode: string | null): Promise<LocalTopology> {
  const names = (shards: { name: string }[]) => shards.map((shard) => shard.name);
  const localShards = [
    'local-web',
    LOCAL_LB_SHARD.name,
    LOCAL_DNS_SHARD.name,
    LOCAL_MAIL_SHARD.name,
    ...names(FIRST_DATA_STORE_SHARDS),
  ];
  const second = { hostname: SECOND_NODE_HOSTNAME, ipAddress: secondDataNode, shards: names(SECOND_DATA_STORE_SHARDS) };
  const result = await applyClusterSpec(db, {
    region: 'local',
    cluster: 'local',
    // Where managed DNS records point the sites' host names: the local HAProxy.
    lbAddresses: ['127.0.0.1'],
    shards: [
      { name: 'local-web', role: ShardRole.WEB },
      LOCAL_LB_SHARD,
      LOCAL_DNS_SHARD,
      LOCAL_MAIL_SHARD,
      ...FIRST_DATA_STORE_SHARDS,
      ...SECOND_DATA_STORE_SHARDS,
    ],
    nodes: [
      {
        hostname: 'localhost',
        ipAddress: '127.0.0.1',
        shards: secondDataNode ? localShards : [...localShards, ...second.shards],
      },
      ...(secondDataNode ? [second] : []),
    ],
  });
  if (!result.cluster) throw new Error(result.userErrors.map((e) => e.message).join('; '));
  const clusterId = result.cluster.id;
  const nodeIdOf = async (hostname: string) =>
    (await db.node.findUniqueOrThrow({ where: { clusterId_hostname: { clusterId, hostname } } })).id;
  const shard = await db.shard.findUniqueOrThrow({ where: { clusterId_name: { clusterId, name: 'local-web' } } });
  return {
    nodeId: await nodeIdOf('localhost'),
    shardId: shard.id,
    ...(secondDataNode ? { secondNodeId: await nodeIdOf(SECOND_NODE_HOSTNAME) } : {}),
  };
}

interface LocalTopology {
  nodeId: string;
  shardId: string;
  secondNodeId?: string;
}

/** The value of `--name=value`, or null when the option is not given. */
function optionValue(name: string): string | null {
  const arg = process.argv.find((a) => a.startsWith(`${name}=`));
  return arg ? arg.slice(name.length + 1) : null;
}

try {
  const minted = process.argv.includes('--new-admin-key')
    ? await newAdminKey(process.argv.includes('--keep-other-admin-keys'))
    : { adminKey: await ensureAdminKey(), revokedKeys: 0 };
  const local = process.argv.includes('--local-node')
    ? await ensureLocalNode(optionValue('--second-data-node'))
    : { nodeId: null, shardId: null };
  process.stdout.write(`${JSON.stringify({ ...minted, ...local })}\n`);
} finally {
  await db.$disconnect();
}
