import { ApplicationFailure } from '@temporalio/activity';
import type { SshEndpoint, TenantSshKeys } from '@hostplane/contract/ssh';
import type { Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/resources';
import { nodesOf } from './database-plan.activities.js';

export interface SshKeyActivityDeps {
  db: Db;
}

/** What an SSH key's workflow applies: its tenant's whole key file, on every node of the tenant's shard. */
export interface TenantSshKeysPlan {
  tenantId: string;
  nodeIds: string[];
  spec: TenantSshKeys;
}

/**
 * The keys a tenant wants, whatever their own workflow's progress: every key but those being
 * (or already) deleted, and a FAILED delete (the tenant asked for it to go). Every sync writes
 * this same set, so two keys added side by side cannot drop each other.
 */
/** What a shard convergence makes true of SSH on each node of the shard. */
export interface ShardSshKeys {
  tenants: TenantSshKeys[];
  others: string[];
  /** Whether any tenant has a key or SFTP-only access (else a node without sshd is no failure). */
  needed: boolean;
}

const WANTED = {
  status: { notIn: ['DELETING' as const, 'DELETED' as const] },
  NOT: { status: 'FAILED' as const, lastOperation: 'DELETE' },
};

const TENANT = { id: true, name: true, uid: true, status: true, sshAccess: true } as const;

/** Plan reads, the nodes' sshd endpoints and the tenant cascade of SSH keys. */
export function createSshKeyActivities({ db }: SshKeyActivityDeps) {
  type TenantRow = { id: string; name: string; uid: number; status: string; sshAccess: string };
  /** The tenant's key file as the node writes it, from its wanted keys in a stable order. */
  const keyFileOf = (tenant: TenantRow, suspended: boolean, keys: TenantSshKeys['keys']): TenantSshKeys => ({
    tenant: tenant.name,
    uid: tenant.uid,
    suspended,
    sftpOnly: tenant.sshAccess === 'SFTP_ONLY',
    keys,
  });
  const wantedKeys = (where: { tenantId: string } | { tenant: { shardId: string } }) =>
    db.sshKey.findMany({
      where: { ...where, ...WANTED },
      select: { id: true, publicKey: true, tenantId: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  const keysOf = async (tenant: TenantRow, suspended: boolean): Promise<TenantSshKeys> =>
    keyFileOf(
      tenant,
      suspended,
      (await wantedKeys({ tenantId: tenant.id })).map(({ id, publicKey }) => ({ id, publicKey })),
    );
  return {
    /** The key file of the key's tenant (none while it is suspended); a tenant being deleted has no nodes to require. */
    async loadTenantSshKeys(keyId: string): Promise<TenantSshKeysPlan> {
      const key = await db.sshKey.findUnique({
        where: { id: keyId },
        select: { tenant: { select: { ...TENANT, shardId: true } } },
      });
      if (!key) throw ApplicationFailure.nonRetryable(`SSH key ${keyId} does not exist`, 'SshKeyNotFound');
      const { tenant } = key;
      const [nodeIds, spec] = await Promise.all([
        nodesOf(db, tenant.shardId, tenant.status !== 'DELETING' && tenant.status !== 'DELETED'),
        keysOf(tenant, tenant.status === 'SUSPENDED'),
      ]);
      return { tenantId: tenant.id, nodeIds, spec };
    },

    /** The tenant's key file as its suspend (`suspended`) or unsuspend writes it. */
    async loadTenantSshKeysOf(tenantId: string, suspended: boolean): Promise<TenantSshKeys> {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: TENANT });
      return keysOf(tenant, suspended);
    },

    /** The tenant's key file with its current access (a change of Tenant.sshAccess), on every node of its shard. */
    async loadTenantSshAccess(tenantId: string): Promise<TenantSshKeysPlan> {
      const tenant = await db.tenant.findUniqueOrThrow({
        where: { id: tenantId },
        select: { ...TENANT, shardId: true },
      });
      const [nodeIds, spec] = await Promise.all([
        nodesOf(db, tenant.shardId),
        keysOf(tenant, tenant.status === 'SUSPENDED'),
      ]);
      return { tenantId, nodeIds, spec };
    },

    /**
     * A convergence's SSH part for the shard: the key file and access of every ready tenant
     * (ACTIVE, or SUSPENDED: no file), the names of the others not gone (their own workflows write
     * theirs), and whether any tenant needs sshd at all (a node without one then only has nothing to remove).
     */
    async loadShardSshKeys(shardId: string): Promise<ShardSshKeys> {
      const rows = await db.tenant.findMany({
        where: { shardId, status: { not: 'DELETED' } },
        select: TENANT,
        orderBy: { name: 'asc' },
      });
      const ready = rows.filter((t) => t.status === 'ACTIVE' || t.status === 'SUSPENDED');
      // One read for the shard's keys (a shard holds thousands of tenants), grouped by tenant.
      const byTenant = new Map<string, TenantSshKeys['keys']>();
      for (const { id, publicKey, tenantId } of await wantedKeys({ tenant: { shardId } })) {
        byTenant.set(tenantId, [...(byTenant.get(tenantId) ?? []), { id, publicKey }]);
      }
      const tenants = ready.map((t) => keyFileOf(t, t.status === 'SUSPENDED', byTenant.get(t.id) ?? []));
      const others = rows.filter((t) => !ready.includes(t)).map((t) => t.name);
      const needed = tenants.some((t) => t.sftpOnly || t.keys.length > 0);
      return { tenants, others, needed };
    },

    /** Keeps what the node's agent says of its sshd (address, port, host keys) for the API to show. */
    async recordSshEndpoint(nodeId: string, endpoint: SshEndpoint): Promise<void> {
      await db.node.update({
        where: { id: nodeId },
        data: {
          sshEndpoint: {
            address: endpoint.address,
            port: endpoint.port,
            hostKeys: endpoint.hostKeys.map((k) => ({ ...k })),
          },
        },
      });
    },

    /** The tenant's keys not DELETED (a FAILED delete counts: its nodes may still hold it). */
    countTenantSshKeys(tenantId: string): Promise<number> {
      return db.sshKey.count({ where: { tenantId, status: { not: 'DELETED' } } });
    },

    /** Marks the deleted tenant's remaining keys DELETED (each with its STATUS event). Idempotent. */
    async markTenantSshKeysDeleted(tenantId: string): Promise<number> {
      const keys = await db.sshKey.findMany({ where: { tenantId, status: { not: 'DELETED' } }, select: { id: true } });
      for (const { id } of keys) {
        await setResourceStatus(db, { resourceType: 'SshKey', resourceId: id, status: 'DELETED', statusMessage: null });
      }
      return keys.length;
    },
  };
}

export type SshKeyActivities = ReturnType<typeof createSshKeyActivities>;
