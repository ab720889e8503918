import { z } from 'zod';
import { DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB, DEFAULT_VALKEY_PORT_RANGE } from '@hostplane/contract/data-stores';

const absolutePath = z.string().startsWith('/', 'must be an absolute path');
const port = z.coerce.number().int().min(1).max(65_535);

/**
 * The node agent's MySQL and Valkey settings (merged into its config schema). Defaults make
 * `npm start` work on a laptop: MariaDB root on 127.0.0.1:3306, redis-server instances under a
 * private supervisord in the agent's state folder.
 */
export const DATA_STORE_ENV = {
  /**
   * The agent's own files (Valkey instances, migration dumps, its private supervisord, the
   * generated Valkey admin secret). Unset: /var/lib/hostplane-agent when HOSTPLANE_HOME_ROOT is
   * /home, else `agent-state` beside HOSTPLANE_HOME_ROOT (npm start and tests keep it in
   * their own folder that way).
   */
  HOSTPLANE_STATE_DIR: absolutePath.optional(),
  /** MariaDB admin connection: a Unix socket (production), or host and port. */
  MYSQL_ADMIN_SOCKET: absolutePath.optional(),
  MYSQL_ADMIN_HOST: z.string().min(1).default('127.0.0.1'),
  MYSQL_ADMIN_PORT: port.default(3306),
  MYSQL_ADMIN_USER: z.string().min(1).default('root'),
  /** Never logged. */
  MYSQL_ADMIN_PASSWORD: z.string().optional(),
  MYSQLDUMP_PATH: z.string().min(1).default('mysqldump'),
  MYSQL_PATH: z.string().min(1).default('mysql'),
  /** Valkey instances live in `<dir>/<name>/`; default `<state dir>/valkey`. */
  VALKEY_BASE_DIR: absolutePath.optional(),
  VALKEY_PORT_MIN: port.default(DEFAULT_VALKEY_PORT_RANGE.min),
  VALKEY_PORT_MAX: port.default(DEFAULT_VALKEY_PORT_RANGE.max),
  VALKEY_MEMORY_ALLOWANCE_MB: z.coerce.number().int().min(1).default(DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB),
  /** Comma-separated addresses instances listen on (production: `0.0.0.0,::`). */
  VALKEY_BIND: z.string().min(1).default('127.0.0.1'),
  /**
   * Prepended to each instance's Linux account name (default none: `kv_…`). Only for two agents
   * sharing one machine's accounts (the test platform's second node): a migration's source and
   * target must not run as one account, or the source's `userdel` fails.
   */
  VALKEY_ACCOUNT_PREFIX: z
    .string()
    .regex(/^([a-z][a-z0-9]{0,7})?$/, 'up to 8 lowercase letters and digits, starting with a letter')
    .default(''),
  REDIS_SERVER_PATH: absolutePath.default('/usr/bin/redis-server'),
  /**
   * ≥ 32 characters; the agent's per-instance passwords derive from it. Unset: generated once
   * and kept in `<state dir>/valkey-admin-secret` (mode 0600). Never logged.
   */
  VALKEY_ADMIN_SECRET: z.string().min(32).optional(),
  /**
   * A system supervisord to run instances under (its config, with a `[supervisorctl]` serverurl,
   * and the folder it includes). Unset: the agent starts a private one in its state folder.
   */
  VALKEY_SUPERVISOR_CONFIG: absolutePath.optional(),
  VALKEY_SUPERVISOR_PROGRAM_DIR: absolutePath.optional(),
  SUPERVISORD_PATH: z.string().min(1).default('supervisord'),
};

const _schema = z.object(DATA_STORE_ENV);
/** The parsed settings startDataStores needs (the agent's config holds them all). */
export type DataStoreConfig = z.infer<typeof _schema> & { HOSTPLANE_HOME_ROOT: string };
