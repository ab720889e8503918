// The test platform's second data node, the only node of shards `local-db-2` and `local-valkey-2`
// (bootstrap --second-data-node): a node agent of its own with a MariaDB server of its own, so a
// migration between the local shards moves data from one node and server to another and drops
// the source. It lives on a loopback address of its own, as a second machine would: the API hands
// out Valkey ports per node (the same block on every node), and MariaDB's port is the same on
// every node (Database.endpoint), so the two nodes could not share an address. Its agent names its
// Valkey instances' Linux accounts `n2kv_…` (VALKEY_ACCOUNT_PREFIX): the nodes share this machine's
// accounts, and a migration's source and target must not run as one.
import { randomInt } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  startNodeAgent,
  startPrivateMariadb,
  type MariadbServer,
  type ProcessGroup,
  type TemporalEndpoint,
} from '@hostplane/scripts/lib';

/** The standard MySQL port, where Database.endpoint says every DATABASE node serves (server/src/data-stores/endpoints.ts). */
const MYSQL_PORT = 3306;

/**
 * A loopback address for this run's second node: never 127.0.0.1 (the first node), nor the
 * 127.0.0.x addresses tests open client connections from; runs side by side each take their own.
 */
export function secondNodeAddress(): string {
  return `127.${randomInt(64, 192)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** Its private MariaDB, datadir in `<stateDir>/node-2/mariadb`, on `address`:3306. */
export async function startSecondMariadb(
  group: ProcessGroup,
  stateDir: string,
  address: string,
): Promise<MariadbServer> {
  // Passable like the run's folder (its MariaDB's and Valkey instances' users go through it), not
  // listable; chmod, as mkdir's mode is narrowed by the umask (Temporal's start narrows it a moment).
  const nodeDir = path.join(stateDir, 'node-2');
  await mkdir(nodeDir);
  await chmod(nodeDir, 0o711);
  return startPrivateMariadb(group, { dir: path.join(nodeDir, 'mariadb'), host: address, port: MYSQL_PORT });
}

/** Its node agent (service `agent-2`): homes, agent state and web files in `<stateDir>/node-2/`. */
export async function startSecondAgent(
  group: ProcessGroup,
  options: {
    stateDir: string;
    databaseUrl: string;
    temporal: TemporalEndpoint;
    nodeId: string;
    address: string;
    mysql: MariadbServer;
    valkeyPorts: { min: number; max: number };
    payloadKey: string;
  },
): Promise<{ homeRoot: string }> {
  const homeRoot = path.join(options.stateDir, 'node-2', 'homes');
  await mkdir(homeRoot);
  const { stateDir: _stateDir, ...rest } = options;
  return startNodeAgent(group, { ...rest, name: 'agent-2', homeRoot, accountPrefix: 'n2' });
}
