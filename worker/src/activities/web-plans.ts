// Desired web state from the control-plane database, in the node agent's spec shapes: one
// webroot, a tenant's sites, a web shard, a cluster's load balancer. The single place that
// decides what nginx serves and what HAProxy routes.
import type { DaemonSpec } from '@hostplane/contract/daemons';
import type { FqdnMapping, LbSpec, WebrootEnvEntry, WebrootSpec } from '@hostplane/contract/webroots';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db, Prisma, ResourceStatus } from '@hostplane/server/db';
import { openValue, type SecretsVault } from '@hostplane/server/secrets';
import { GONE_STATUSES, SERVED_FQDN_STATUSES, serviceHostname, shardBackendName } from '@hostplane/server/temporal';
import { intendsSuspended } from './tenant-suspension.js';

const notGone = { notIn: [...GONE_STATUSES] as ResourceStatus[] };

/** What every spec build reads of a webroot. */
export const webrootSelect = {
  id: true,
  name: true,
  runtime: true,
  runtimeVersion: true,
  runtimeConfig: true,
  documentRoot: true,
  serviceHostnameEnabled: true,
  status: true,
  tenant: {
    select: {
      id: true,
      name: true,
      uid: true,
      status: true,
      lastOperation: true,
      brandId: true,
      shardId: true,
      brand: { select: { baseHostname: true } },
      dataKey: { select: { wrappedKey: true, masterKeyId: true } },
    },
  },
  envVars: {
    select: { name: true, secret: true, value: true, sealedValue: true },
    orderBy: { name: 'asc' as const },
  },
  fqdns: {
    select: { hostname: true, status: true, verifiedAt: true },
    where: { status: { not: 'DELETED' as const } },
    orderBy: { hostname: 'asc' as const },
  },
  // The daemons that run: enabled, not being deleted, and not FAILED (a daemon whose program is
  // missing must not hold back its webroot's next rollout; its retry brings it back in).
  daemons: {
    select: {
      name: true,
      command: true,
      processes: true,
      restart: true,
      stopSignal: true,
      stopWaitSeconds: true,
      proxyPath: true,
    },
    where: { enabled: true, status: { notIn: ['FAILED', 'DELETING', 'DELETED'] as ResourceStatus[] } },
    orderBy: { name: 'asc' as const },
  },
} as const;

export type WebrootRow = Prisma.WebrootGetPayload<{ select: typeof webrootSelect }>;

const served = (status: ResourceStatus) => (SERVED_FQDN_STATUSES as readonly string[]).includes(status);

/** The webroot's service hostname. */
export const serviceHostnameOf = (row: WebrootRow) =>
  serviceHostname(row.name, row.tenant.name, row.tenant.brand.baseHostname);

/**
 * Host names nginx serves for the webroot and the load balancer routes to it: a name whose
 * control is not proven yet is never among them (SECURITY.md, hostname squatting).
 */
export function hostnamesOf(row: WebrootRow): string[] {
  const fqdns = row.fqdns.filter((f) => served(f.status) && f.verifiedAt !== null).map((f) => f.hostname);
  return row.serviceHostnameEnabled ? [...fqdns, serviceHostnameOf(row)] : fqdns;
}

/**
 * The webroot's environment, secrets opened. Here, in the worker, because it already holds the
 * database and (with the API) the master key (HOSTPLANE_SECRETS_KEY, server/src/secrets/vault.ts):
 * the values then reach the node inside the spec, in a Temporal payload the codec seals, so the
 * master key never leaves the control plane. Nothing here is logged.
 */
export function envOf(row: WebrootRow, vault: SecretsVault | undefined): WebrootEnvEntry[] {
  const secrets = row.envVars.filter((v) => v.secret);
  // Non-retryable: a missing or wrong key does not fix itself; the webroot ends FAILED with the
  // reason (never a value) and `retryWebroot` works once the worker has the key.
  if (secrets.length > 0 && (!vault || !row.tenant.dataKey)) {
    const reason = `webroot ${row.name} has secrets but the worker has no HOSTPLANE_SECRETS_KEY to open them`;
    throw ApplicationFailure.nonRetryable(reason, 'SecretsUnreadable');
  }
  try {
    const dataKey = secrets.length > 0 ? vault!.unwrap(row.tenant.id, row.tenant.dataKey!) : null;
    return row.envVars.map((v) => ({
      name: v.name,
      value: v.secret ? openValue(dataKey!, row.id, v.name, v.sealedValue!) : v.value!,
    }));
  } catch (error) {
    const reason = `the secrets of webroot ${row.name} do not open with the worker's HOSTPLANE_SECRETS_KEY: ${(error as Error).message}`;
    throw ApplicationFailure.nonRetryable(reason, 'SecretsUnreadable');
  }
}

/**
 * The node agent's spec of one webroot; `suspended` overrides the tenant's own state (cascades).
 * `vault` opens its secrets (see envOf).
 */
export function webrootSpecOf(
  row: WebrootRow,
  vault: SecretsVault | undefined,
  suspended = intendsSuspended(row.tenant),
): WebrootSpec {
  const env = envOf(row, vault);
  const daemons = row.daemons.map(({ proxyPath, ...daemon }): DaemonSpec => ({
    ...daemon,
    ...(proxyPath !== null ? { proxyPath } : {}),
  }));
  return {
    ...(env.length > 0 ? { env } : {}),
    ...(daemons.length > 0 ? { daemons } : {}),
    name: row.name,
    tenant: { name: row.tenant.name, uid: row.tenant.uid, suspended },
    runtime: row.runtime,
    runtimeVersion: row.runtimeVersion,
    runtimeConfig: (row.runtimeConfig ?? {}) as never,
    serverNames: hostnamesOf(row),
    documentRoot: row.documentRoot,
  } as WebrootSpec;
}

/**
 * Webroots whose sites should be live: theirs and their tenant's status are not gone. A tenant
 * being deleted asks for its own with `anyTenantStatus` (to remove them).
 */
export async function liveWebroots(
  db: Db,
  where: Record<string, unknown>,
  anyTenantStatus = false,
): Promise<WebrootRow[]> {
  return db.webroot.findMany({
    where: {
      AND: [where, { status: notGone }, anyTenantStatus ? {} : { tenant: { status: notGone } }],
    },
    select: webrootSelect,
    orderBy: { name: 'asc' },
  });
}

/** Nodes of a shard, sorted by hostname (a stable order for steps and reports). */
export async function nodesOfShard(db: Db, shardId: string) {
  const links = await db.nodeShard.findMany({
    where: { shardId },
    select: { node: { select: { id: true, hostname: true, ipAddress: true } } },
  });
  return links.map((l) => l.node).sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** The LB nodes of a cluster: every node of its LB shards. */
export async function lbNodesOf(db: Db, clusterId: string) {
  const links = await db.nodeShard.findMany({
    where: { shard: { clusterId, role: 'LB' } },
    select: { node: { select: { id: true, hostname: true } } },
  });
  const unique = new Map(links.map((l) => [l.node.id, l.node]));
  return [...unique.values()].sort((a, b) => a.hostname.localeCompare(b.hostname));
}

/** `ip:port` of a web node's nginx as HAProxy reaches it (IPv6 in brackets). */
function backendAddress(node: { hostname: string; ipAddress: string | null }, port: number): string {
  const host = node.ipAddress ?? node.hostname;
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * A cluster's whole load balancer: one backend per WEB shard (its nodes' nginx on `webPort`),
 * and every served FQDN and enabled service hostname of those shards' live webroots.
 */
export async function lbSpecOf(db: Db, clusterId: string, webPort: number): Promise<LbSpec> {
  const shards = await db.shard.findMany({
    where: { clusterId, role: 'WEB' },
    orderBy: { name: 'asc' },
  });
  const backends = await Promise.all(
    shards.map(async (shard) => ({
      name: shardBackendName(shard.name),
      servers: (await nodesOfShard(db, shard.id)).map((n) => ({
        name: n.hostname,
        address: backendAddress(n, webPort),
      })),
    })),
  );
  const backendOf = new Map(shards.map((s) => [s.id, shardBackendName(s.name)]));
  const webroots = await liveWebroots(db, { tenant: { shardId: { in: shards.map((s) => s.id) } } });
  const entries: FqdnMapping[] = webroots.flatMap((w) =>
    hostnamesOf(w).map((fqdn) => ({ fqdn, backend: backendOf.get(w.tenant.shardId)! })),
  );
  return { backends, entries };
}
