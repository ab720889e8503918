import path from 'node:path';
import type { Logger } from 'pino';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { NodeAgentConfig } from '../config.js';
import { stateDirOf, valkeyBaseDirOf } from '../data-stores/start.js';
import { runCommand } from '../linux-users/run-command.js';
import type { WebPaths } from '../webroots/config.js';
import { egressTableName } from '@hostplane/contract/egress';
import { createEgressActivities } from './activities.js';
import { AllowlistStore } from './allowlist-store.js';
import { EgressFloorManager, portOf, temporalDestinations } from './floor.js';
import type { PortRange } from './render.js';
import { nodeResolvers } from './resolvers.js';

/** Activities after which the floor is brought up to date (tenant accounts, Valkey ports and owners). */
const REFRESHED_AFTER = ['ensureTenantUser', 'removeTenantUser', 'ensureValkeyInstance', 'removeValkeyInstance'];

/**
 * Builds this node's egress floor and applies it before the agent takes any activity.
 * `withRefresh` wraps the activities that change tenants or their Valkey ports so the floor
 * follows them before they report success; `close` removes the table when the agent owns its
 * node's lifetime (a state folder: `npm start`, tests), never on a production node. `activities`
 * are the tenants' allowlists (kept in the state folder, applied with the floor). A node without
 * `nft` starts without a floor (logged as an error), as start-up skips any other missing
 * program: an allowlist with rules then fails as CapabilityMissing, an empty one is already true.
 */
export async function startEgressFloor(config: NodeAgentConfig, paths: WebPaths, logger: Logger) {
  const nft = config.HOSTPLANE_NFT_PATH;
  const present = await runCommand(nft, ['--version']).then(
    () => true,
    () => false,
  );
  if (!present) {
    logger.error({ nft }, 'egress floor not applied: nft is missing (package nftables)');
    const missing = `nft is missing (package nftables): outbound rules cannot be applied`;
    const withoutNft = {
      setAllowlist: async (spec: unknown) => {
        if ((spec as { rules?: unknown[] }).rules?.length) throw new NonRetryableError(CAPABILITY_MISSING, missing);
        return { changed: false };
      },
      removeAllowlist: async () => ({ changed: false }),
    };
    const activities = createEgressActivities(withoutNft, logger);
    return { withRefresh: <A>(wrapped: A) => wrapped, close: async () => {}, activities };
  }
  const webPorts = [...paths.web.nginx.listen, ...paths.haproxy.bind].map(portOf).filter((p) => p !== null);
  const localTcpPorts: PortRange[] = [
    { min: config.MYSQL_ADMIN_PORT, max: config.MYSQL_ADMIN_PORT },
    ...webPorts.map((port) => ({ min: port, max: port })),
  ];
  const denied = [
    ...(await temporalDestinations(config.TEMPORAL_ADDRESS, logger)),
    ...config.HOSTPLANE_EGRESS_DENY.map((address) => ({ address })),
  ];
  const table = egressTableName(config.NODE_ID);
  const floor = new EgressFloorManager({
    nft,
    table,
    homeRoot: config.HOSTPLANE_HOME_ROOT,
    localTcpPorts,
    denied,
    allowlists: new AllowlistStore(path.join(stateDirOf(config), 'egress-allowlists')),
    resolvers: await nodeResolvers(),
    valkeyDir: valkeyBaseDirOf(config),
  });
  await floor.refresh();
  logger.info({ table, localTcpPorts, denied: denied.length }, 'egress floor applied');
  const activities = createEgressActivities(floor, logger);

  const withRefresh = <A extends object>(activities: A): A => {
    const wrapped = { ...activities } as Record<string, unknown>;
    for (const name of REFRESHED_AFTER) {
      const run = wrapped[name];
      if (typeof run !== 'function') continue;
      wrapped[name] = async (...args: unknown[]) => {
        try {
          return await (run as (...a: unknown[]) => Promise<unknown>)(...args);
        } finally {
          await floor.refresh();
        }
      };
    }
    return wrapped as A;
  };
  // Like the web services: a production agent restarting must not leave its tenants unfenced.
  return { withRefresh, close: async () => (paths.stopOnExit ? floor.close() : undefined), activities };
}
