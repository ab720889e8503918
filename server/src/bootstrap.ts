/**
 * First-run set-up, used by `npm start` and the test harness:
 *  - the first platform-admin API key, only when no key exists yet (printed once, never stored);
 *  - with --local-node, a local dev topology (region/cluster `local`, WEB shard `local-web`, LB shard `local-lb`,
 *    DATABASE shards `local-db`/`local-db-2`, VALKEY shards `local-valkey`/`local-valkey-2`,
 *    node `localhost` in all of them) so the node agent started beside the API has somewhere to work.
 *  - with --new-admin-key (`npm run admin-key`, the operator's way back in when the key is lost):
 *    a new platform-admin key, always, and every other platform-admin key revoked (their open
 *    WebSockets are closed too) unless --keep-other-admin-keys is given.
 * Prints one JSON line: {"adminKey": "hp_…" | null, "nodeId": "…", "shardId": "…", "revokedKeys": n}.
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

/**
 * The same local node also serves databases and Valkey, in two shards each, so moving a
 * database or an instance between shards can be tried (and tested) on one machine.
 */
const LOCAL_DATA_STORE_SHARDS = [
  { name: 'local-db', role: ShardRole.DATABASE },
  { name: 'local-db-2', role: ShardRole.DATABASE },
  { name: 'local-valkey', role: ShardRole.VALKEY },
  { name: 'local-valkey-2', role: ShardRole.VALKEY },
];

async function ensureLocalNode(): Promise<{ nodeId: string; shardId: string }> {
  const result = await applyClusterSpec(db, {
    region: 'local',
    cluster: 'local',
    lbAddresses: [],
    shards: [{ name: 'local-web', role: ShardRole.WEB }, LOCAL_LB_SHARD, ...LOCAL_DATA_STORE_SHARDS],
    nodes: [
      {
        hostname: 'localhost',
        ipAddress: '127.0.0.1',
        shards: ['local-web', LOCAL_LB_SHARD.name, ...LOCAL_DATA_STORE_SHARDS.map((shard) => shard.name)],
      },
    ],
  });
  if (!result.cluster) throw new Error(result.userErrors.map((e) => e.message).join('; '));
  const node = await db.node.findUniqueOrThrow({
    where: { clusterId_hostname: { clusterId: result.cluster.id, hostname: 'localhost' } },
  });
  const shard = await db.shard.findUniqueOrThrow({
    where: { clusterId_name: { clusterId: result.cluster.id, name: 'local-web' } },
  });
  return { nodeId: node.id, shardId: shard.id };
}

try {
  const minted = process.argv.includes('--new-admin-key')
    ? await newAdminKey(process.argv.includes('--keep-other-admin-keys'))
    : { adminKey: await ensureAdminKey(), revokedKeys: 0 };
  const local = process.argv.includes('--local-node') ? await ensureLocalNode() : { nodeId: null, shardId: null };
  process.stdout.write(`${JSON.stringify({ ...minted, ...local })}\n`);
} finally {
  await db.$disconnect();
}
