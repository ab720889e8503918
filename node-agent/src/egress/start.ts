import type { Logger } from 'pino';
import type { NodeAgentConfig } from '../config.js';
import { runCommand } from '../linux-users/run-command.js';
import type { WebPaths } from '../webroots/config.js';
import { egressTableName } from '@hostplane/contract/egress';
import { EgressFloorManager, portOf, temporalDestinations } from './floor.js';
import type { PortRange } from './render.js';

/** Activities after which the floor is brought up to date (tenant accounts, app ports). */
const REFRESHED_AFTER = ['ensureTenantUser', 'removeTenantUser', 'ensureWebroot', 'removeWebroot', 'convergeWebNode'];

/**
 * Builds this node's egress floor and applies it before the agent takes any activity.
 * `withRefresh` wraps the activities that change tenants or their app ports so the floor
 * follows them before they report success; `close` removes the table when the agent owns its
 * node's lifetime (a state folder: `npm start`, tests), never on a production node. A node without `nft`
 * starts without a floor (logged as an error), as start-up skips any other missing program.
 */
export async function startEgressFloor(config: NodeAgentConfig, paths: WebPaths, logger: Logger) {
  const nft = config.HOSTPLANE_NFT_PATH;
  const present = await runCommand(nft, ['--version']).then(
    () => true,
    () => false,
  );
  if (!present) {
    logger.error({ nft }, 'egress floor not applied: nft is missing (package nftables)');
    return { withRefresh: <A>(activities: A) => activities, close: async () => {} };
  }
  const webPorts = [...paths.web.nginx.listen, ...paths.haproxy.bind].map(portOf).filter((p) => p !== null);
  const localTcpPorts: PortRange[] = [
    { min: config.MYSQL_ADMIN_PORT, max: config.MYSQL_ADMIN_PORT },
    { min: config.VALKEY_PORT_MIN, max: config.VALKEY_PORT_MAX },
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
    programsDir: paths.web.supervisor.programsDir,
    localTcpPorts,
    denied,
  });
  await floor.refresh();
  logger.info({ table, localTcpPorts, denied: denied.length }, 'egress floor applied');

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
  return { withRefresh, close: async () => (paths.stopOnExit ? floor.close() : undefined) };
}
