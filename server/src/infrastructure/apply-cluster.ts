import {
  userError,
  UserErrorCode,
  type ApplyClusterInput,
  type ApplyClusterResult,
  type UserError,
} from '@hostplane/schema';
import type { Db, DbTx } from '../db/index.js';
import { isHostname, isIpAddress, isSlug } from '../common/validation.js';

function validate(input: ApplyClusterInput): UserError[] {
  const errors: UserError[] = [];
  if (!isSlug(input.region)) errors.push(userError('region', 'region must be a lowercase slug (2 to 40).'));
  if (!isSlug(input.cluster)) errors.push(userError('cluster', 'cluster must be a lowercase slug (2 to 40).'));
  input.lbAddresses.forEach((a, i) => {
    if (!isIpAddress(a)) errors.push(userError(`lbAddresses.${i}`, `${a} is not an IP address.`));
  });
  const shardNames = new Set<string>();
  input.shards.forEach((s, i) => {
    if (!isSlug(s.name)) errors.push(userError(`shards.${i}.name`, 'shard name must be a lowercase slug.'));
    if (shardNames.has(s.name)) errors.push(userError(`shards.${i}.name`, `shard ${s.name} is listed twice.`));
    shardNames.add(s.name);
  });
  const hostnames = new Set<string>();
  input.nodes.forEach((n, i) => {
    const at = `nodes.${i}`;
    if (!isHostname(n.hostname) && !isSlug(n.hostname, 63))
      errors.push(userError(`${at}.hostname`, 'invalid hostname.'));
    if (hostnames.has(n.hostname)) errors.push(userError(`${at}.hostname`, `node ${n.hostname} is listed twice.`));
    hostnames.add(n.hostname);
    if (n.ipAddress && !isIpAddress(n.ipAddress)) errors.push(userError(`${at}.ipAddress`, 'invalid IP address.'));
    n.shards.forEach((s, j) => {
      if (!shardNames.has(s)) {
        errors.push(userError(`${at}.shards.${j}`, `shard ${s} is not in this file.`, UserErrorCode.NOT_FOUND));
      }
    });
  });
  return errors;
}

/**
 * Converges region, cluster, LB addresses, shards and nodes to the file, in one transaction.
 * Names are the identity, so applying the same file twice reports no changes.
 */
export async function applyClusterSpec(db: Db, input: ApplyClusterInput): Promise<ApplyClusterResult> {
  const errors = validate(input);
  if (errors.length) return { cluster: null, changes: [], userErrors: errors };
  return db.$transaction(async (tx) => {
    const changes: string[] = [];
    const region = await upsertNamed(
      tx,
      changes,
      'region',
      input.region,
      () => tx.region.findUnique({ where: { name: input.region } }),
      () => tx.region.create({ data: { name: input.region } }),
    );
    const cluster = await upsertNamed(
      tx,
      changes,
      'cluster',
      input.cluster,
      () => tx.cluster.findUnique({ where: { regionId_name: { regionId: region.id, name: input.cluster } } }),
      () => tx.cluster.create({ data: { regionId: region.id, name: input.cluster } }),
    );
    await syncLbAddresses(tx, changes, cluster.id, input.lbAddresses);
    const shardIds = new Map<string, string>();
    for (const spec of input.shards) {
      const existing = await tx.shard.findUnique({
        where: { clusterId_name: { clusterId: cluster.id, name: spec.name } },
      });
      if (existing && existing.role !== spec.role) {
        const tenants = await tx.tenant.count({ where: { shardId: existing.id, status: { not: 'DELETED' } } });
        if (tenants > 0) {
          return {
            cluster: null,
            changes: [],
            userErrors: [
              userError(
                'shards',
                `shard ${spec.name} has tenants; its role cannot change.`,
                UserErrorCode.INVALID_STATE,
              ),
            ],
          };
        }
        await tx.shard.update({ where: { id: existing.id }, data: { role: spec.role } });
        changes.push(`shard ${spec.name}: role ${existing.role} → ${spec.role}`);
      }
      const shard =
        existing ?? (await tx.shard.create({ data: { clusterId: cluster.id, name: spec.name, role: spec.role } }));
      if (!existing) changes.push(`shard ${spec.name} (${spec.role}) created`);
      shardIds.set(spec.name, shard.id);
    }
    for (const spec of input.nodes) {
      let node = await tx.node.findUnique({
        where: { clusterId_hostname: { clusterId: cluster.id, hostname: spec.hostname } },
      });
      if (!node) {
        node = await tx.node.create({
          data: { clusterId: cluster.id, hostname: spec.hostname, ipAddress: spec.ipAddress ?? null },
        });
        changes.push(`node ${spec.hostname} created`);
      } else if ((spec.ipAddress ?? null) !== node.ipAddress) {
        await tx.node.update({ where: { id: node.id }, data: { ipAddress: spec.ipAddress ?? null } });
        changes.push(`node ${spec.hostname}: ip ${node.ipAddress ?? '-'} → ${spec.ipAddress ?? '-'}`);
      }
      const nodeId = node.id;
      const want = new Set(spec.shards.map((s) => shardIds.get(s)!));
      const have = new Set((await tx.nodeShard.findMany({ where: { nodeId } })).map((l) => l.shardId));
      for (const shardId of want) {
        if (!have.has(shardId)) {
          await tx.nodeShard.create({ data: { nodeId, shardId } });
          changes.push(`node ${spec.hostname} joined a shard`);
        }
      }
      for (const shardId of have) {
        if (!want.has(shardId)) {
          await tx.nodeShard.delete({ where: { nodeId_shardId: { nodeId, shardId } } });
          changes.push(`node ${spec.hostname} left a shard`);
        }
      }
    }
    return { cluster, changes, userErrors: [] };
  });
}

async function upsertNamed<T>(
  _tx: DbTx,
  changes: string[],
  kind: string,
  name: string,
  find: () => Promise<T | null>,
  create: () => Promise<T>,
): Promise<T> {
  const existing = await find();
  if (existing) return existing;
  changes.push(`${kind} ${name} created`);
  return create();
}

async function syncLbAddresses(tx: DbTx, changes: string[], clusterId: string, addresses: string[]) {
  const have = new Set((await tx.clusterLbAddress.findMany({ where: { clusterId } })).map((a) => a.address));
  const want = new Set(addresses);
  for (const address of want) {
    if (!have.has(address)) {
      await tx.clusterLbAddress.create({ data: { clusterId, address } });
      changes.push(`lb address ${address} added`);
    }
  }
  const gone = [...have].filter((a) => !want.has(a));
  if (gone.length) {
    await tx.clusterLbAddress.deleteMany({ where: { clusterId, address: { in: gone } } });
    changes.push(...gone.map((a) => `lb address ${a} removed`));
  }
}
