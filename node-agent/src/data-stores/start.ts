import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { CAPABILITY } from '../capabilities/catalog.js';
import { requireCapabilities } from '../capabilities/guard.js';
import type { NodeCapabilities } from '../capabilities/node-capabilities.js';
import { createMigrationActivities } from '../migration/activities.js';
import { MigrationFiles, migrationDirOf } from '../migration/files.js';
import { createDatabaseActivities } from '../mysql/activities.js';
import { MysqlManager } from '../mysql/mysql.manager.js';
import { createValkeyActivities } from '../valkey/activities.js';
import { SupervisorClient } from '../valkey/supervisor-client.js';
import { startPrivateSupervisord } from '../valkey/supervisord-harness.js';
import { ValkeyManager } from '../valkey/valkey.manager.js';
import type { DataStoreConfig } from './config.js';
import { InstanceAccounts } from '../valkey/instance-accounts.js';

/** The state folder, resolved as DATA_STORE_ENV documents. */
export function stateDirOf(config: DataStoreConfig): string {
  if (config.HOSTPLANE_STATE_DIR) return config.HOSTPLANE_STATE_DIR;
  const home = path.resolve(config.HOSTPLANE_HOME_ROOT);
  return home === '/home' ? '/var/lib/hostplane-agent' : path.join(path.dirname(home), 'agent-state');
}

/** Where the Valkey instances' folders and records are (the egress floor reads their owners). */
export function valkeyBaseDirOf(config: DataStoreConfig): string {
  return config.VALKEY_BASE_DIR ?? path.join(stateDirOf(config), 'valkey');
}

/** The configured secret, or the one kept in the state folder (created on first start). */
async function valkeyAdminSecret(config: DataStoreConfig, stateDir: string): Promise<string> {
  if (config.VALKEY_ADMIN_SECRET) return config.VALKEY_ADMIN_SECRET;
  const file = path.join(stateDir, 'valkey-admin-secret');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (kept.length >= 32) return kept;
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'w' });
  return secret;
}

/**
 * The supervisord Valkey instances run under: the configured one, or a private one. The private
 * one starts at once when its program is there, else with the first Valkey activity after it
 * appears (`ensureStarted`, true when this call started it): a node without supervisor still
 * serves databases.
 */
function valkeySupervisor(config: DataStoreConfig, stateDir: string) {
  if (config.VALKEY_SUPERVISOR_CONFIG) {
    const programDir = config.VALKEY_SUPERVISOR_PROGRAM_DIR ?? path.join(stateDir, 'valkey-programs');
    const client = new SupervisorClient({ configPath: config.VALKEY_SUPERVISOR_CONFIG, programDir });
    return { client, ensureStarted: async () => false, stop: async () => undefined };
  }
  const dir = path.join(stateDir, 'supervisor');
  // The same config and program folder the private supervisord gets (supervisord-harness.ts).
  const client = new SupervisorClient({
    configPath: path.join(dir, 'supervisord.conf'),
    programDir: path.join(dir, 'programs'),
  });
  let running: ReturnType<typeof startPrivateSupervisord> | null = null;
  return {
    client,
    async ensureStarted(): Promise<boolean> {
      if (running) return running.then(() => false);
      running = startPrivateSupervisord(dir, config.SUPERVISORD_PATH);
      running.catch(() => (running = null)); // a later activity tries again
      await running;
      return true;
    },
    async stop(): Promise<void> {
      await (await running?.catch(() => null))?.stop();
    },
  };
}

const VALKEY_NEEDS = [CAPABILITY.redisServer, CAPABILITY.valkeySupervisord];

/**
 * Builds the MySQL and Valkey managers and their activities for this node, and brings back the
 * Valkey instances found on disk (after a reboot or a lost supervisord). What needs a program
 * the node lacks is skipped with a warning and its activities fail with CapabilityMissing until
 * it is installed. `close()` ends the admin connections and a private supervisord (which stops
 * its instances).
 */
export async function startDataStores(config: DataStoreConfig, logger: Logger, capabilities: NodeCapabilities) {
  const stateDir = stateDirOf(config);
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const mysql = new MysqlManager({
    connection: config.MYSQL_ADMIN_SOCKET
      ? { socketPath: config.MYSQL_ADMIN_SOCKET, user: config.MYSQL_ADMIN_USER, password: config.MYSQL_ADMIN_PASSWORD }
      : {
          host: config.MYSQL_ADMIN_HOST,
          port: config.MYSQL_ADMIN_PORT,
          user: config.MYSQL_ADMIN_USER,
          password: config.MYSQL_ADMIN_PASSWORD,
        },
    mysqldumpPath: config.MYSQLDUMP_PATH,
    mysqlPath: config.MYSQL_PATH,
  });
  const supervisor = valkeySupervisor(config, stateDir);
  const valkey = new ValkeyManager({
    baseDir: valkeyBaseDirOf(config),
    portRange: { min: config.VALKEY_PORT_MIN, max: config.VALKEY_PORT_MAX },
    memoryAllowanceMb: config.VALKEY_MEMORY_ALLOWANCE_MB,
    adminSecret: await valkeyAdminSecret(config, stateDir),
    supervisor: supervisor.client,
    bind: config.VALKEY_BIND.split(',').map((a) => a.trim()),
    redisServerPath: config.REDIS_SERVER_PATH,
    accounts: new InstanceAccounts(valkeyBaseDirOf(config), config.VALKEY_ACCOUNT_PREFIX),
  });
  const resume = async () => {
    const resumed = await valkey.resumeAll().catch((error: unknown) => {
      logger.error({ err: error }, 'could not resume Valkey instances');
      return [] as string[];
    });
    if (resumed.length > 0) logger.info({ instances: resumed.length }, 'Valkey instances resumed');
  };
  // Started (and the instances on disk resumed) once both programs are there: now, or lazily.
  const valkeyReady = async () => {
    if (await supervisor.ensureStarted()) await resume();
  };
  const missing = VALKEY_NEEDS.filter((name) => !capabilities.has(name));
  if (missing.length === 0) {
    await valkeyReady().catch((error: unknown) => logger.error({ err: error }, 'could not start Valkey supervisord'));
    if (config.VALKEY_SUPERVISOR_CONFIG) await resume();
  } else {
    logger.warn({ missing }, 'Valkey instances not started: a program is missing (they start once it is installed)');
  }
  const files = new MigrationFiles(migrationDirOf(stateDir));
  const valkeyGuard = { needs: () => VALKEY_NEEDS, whenPresent: valkeyReady };
  const activities = {
    ...createDatabaseActivities({ mysql, logger }),
    ...createValkeyActivities({ valkey, logger }),
    ...createMigrationActivities({ mysql, valkey, files, logger }),
  };
  return {
    activities: requireCapabilities(capabilities, logger, activities, {
      dumpDatabaseToFile: { needs: () => [CAPABILITY.mysqldump] },
      restoreDatabaseFromFile: { needs: () => [CAPABILITY.mysql] },
      ensureValkeyInstance: valkeyGuard,
      ensureValkeyUsers: valkeyGuard,
      removeValkeyInstance: valkeyGuard,
      dumpValkeyInstance: valkeyGuard,
      importValkeyInstance: valkeyGuard,
      dumpValkeyToFile: valkeyGuard,
      importValkeyFromFile: valkeyGuard,
    }),
    async close(): Promise<void> {
      await mysql.close().catch(() => undefined);
      await supervisor.stop();
    },
  };
}
