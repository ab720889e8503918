import path from 'node:path';
import { z } from 'zod';
import type { HaproxyOptions } from '../haproxy/manager.js';
import { parseVersionMap } from './index.js';
import type { WebNodeOptions } from './manager.js';

const absolutePath = z.string().startsWith('/', 'must be an absolute path');
/** `version=/path,…` (see parseVersionMap); `fallback` when unset. */
const versionMap = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      try {
        return parseVersionMap(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
/** Like versionMap, but unset stays undefined (the agent then detects what the node has). */
const detectedVersionMap = () =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      try {
        return parseVersionMap(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * The node agent's web and load-balancer settings (merged into its config schema). Every path
 * is optional: unset, it follows the layout of `webPathsOf` — standard paths on a production
 * node, a private state folder otherwise, so `npm start` and tests need no root-owned paths.
 */
export const WEB_ENV = {
  /**
   * Root of every web path left unset (`etc/`, `run/`, `log/`, `lib/` below it). Unset: the
   * standard /etc/hostplane, /run/hostplane, /var/log/hostplane, /var/lib/hostplane when
   * HOSTPLANE_HOME_ROOT is /home, else `agent-web` beside HOSTPLANE_HOME_ROOT.
   */
  HOSTPLANE_WEB_STATE_DIR: absolutePath.optional(),
  HOSTPLANE_NGINX_BINARY: absolutePath.default('/usr/sbin/nginx'),
  HOSTPLANE_NGINX_PREFIX: absolutePath.optional(),
  HOSTPLANE_NGINX_CONF_DIR: absolutePath.optional(),
  HOSTPLANE_NGINX_LOG_DIR: absolutePath.optional(),
  HOSTPLANE_NGINX_RUN_DIR: absolutePath.optional(),
  HOSTPLANE_NGINX_TEMP_DIR: absolutePath.optional(),
  /** Comma-separated `listen` values of every site (production `80,[::]:80`). */
  HOSTPLANE_NGINX_LISTEN: z.string().optional(),
  /** nginx's worker user, also the owner of php-fpm sockets. */
  HOSTPLANE_WEB_USER: z.string().min(1).default('www-data'),
  /** `auto` or a count (default: auto in production, 1 in a state folder). */
  HOSTPLANE_NGINX_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1)]).optional(),
  HOSTPLANE_NGINX_MIME_TYPES: absolutePath.default('/etc/nginx/mime.types'),
  /** `8.2=/usr/sbin/php-fpm8.2,8.3=/usr/sbin/php-fpm8.3`: the PHP versions this node serves. */
  HOSTPLANE_PHP_FPM_BINARIES: versionMap('8.2=/usr/sbin/php-fpm8.2'),
  HOSTPLANE_PHP_FPM_CONF_DIR: absolutePath.optional(),
  HOSTPLANE_PHP_FPM_RUN_DIR: absolutePath.optional(),
  HOSTPLANE_PHP_FPM_LOG_DIR: absolutePath.optional(),
  /** `20=/usr/bin`: bin folder per Node.js version (default: the agent's own Node.js). */
  HOSTPLANE_NODE_RUNTIMES: versionMap(`${process.versions.node.split('.')[0]}=${path.dirname(process.execPath)}`),
  /**
   * `3.11=/usr/bin`: bin folder (with python3 and gunicorn) per Python version. Unset: the
   * python3 version of /usr/bin when /usr/bin/gunicorn is there (capabilities/app-runtimes.ts).
   */
  HOSTPLANE_PYTHON_RUNTIMES: detectedVersionMap(),
  /** `3.1=/usr/bin`: bin folder (with ruby and puma) per Ruby version. Unset: as for Python, with /usr/bin/puma. */
  HOSTPLANE_RUBY_RUNTIMES: detectedVersionMap(),
  /** PATH of app processes after their runtime's bin folder. */
  HOSTPLANE_APP_PATH: z.string().min(1).default('/usr/local/bin:/usr/bin:/bin'),
  HOSTPLANE_APP_LOG_DIR: absolutePath.optional(),
  /**
   * Root of the per-tenant folders of app sockets (default `<run>/apps`): root's, never inside
   * a tenant's home; at most 72 bytes, so a socket's path fits a Unix socket address.
   */
  HOSTPLANE_APP_SOCKET_DIR: absolutePath.optional(),
  /** The supervisord that runs tenant apps (its own instance, configured by the agent). */
  HOSTPLANE_APP_SUPERVISORD: absolutePath.default('/usr/bin/supervisord'),
  HOSTPLANE_APP_SUPERVISORCTL: absolutePath.default('/usr/bin/supervisorctl'),
  HOSTPLANE_APP_SUPERVISOR_CONFIG: absolutePath.optional(),
  HOSTPLANE_APP_SUPERVISOR_SOCKET: absolutePath.optional(),
  HOSTPLANE_APP_SUPERVISOR_PID_FILE: absolutePath.optional(),
  HOSTPLANE_APP_SUPERVISOR_LOG_DIR: absolutePath.optional(),
  HOSTPLANE_APP_SUPERVISOR_PROGRAMS_DIR: absolutePath.optional(),
  HOSTPLANE_HAPROXY_BINARY: absolutePath.default('/usr/sbin/haproxy'),
  HOSTPLANE_HAPROXY_CONFIG: absolutePath.optional(),
  HOSTPLANE_HAPROXY_MAP_FILE: absolutePath.optional(),
  HOSTPLANE_HAPROXY_ADMIN_SOCKET: absolutePath.optional(),
  HOSTPLANE_HAPROXY_PID_FILE: absolutePath.optional(),
  /** Comma-separated frontend binds (production `:80`). */
  HOSTPLANE_HAPROXY_BIND: z.string().optional(),
  /** Comma-separated HTTPS binds (production `:443`; with a state folder none unless set). */
  HOSTPLANE_HAPROXY_HTTPS_BIND: z.string().optional(),
  /**
   * Stop nginx, php-fpm, the app supervisord and HAProxy when the agent exits (default: only
   * with a state folder — a production agent restarting must not take the sites down).
   */
  HOSTPLANE_WEB_STOP_ON_EXIT: flag.optional(),
};

const schema = z.object({ ...WEB_ENV, HOSTPLANE_HOME_ROOT: absolutePath.default('/home') });
export type WebConfig = z.infer<typeof schema>;

/** Where the web services' files go, and whether the agent owns their lifetime. */
export interface WebPaths {
  web: WebNodeOptions;
  haproxy: HaproxyOptions;
  /** The private state folder (null on a production node); must be traversable by nginx. */
  stateDir: string | null;
  stopOnExit: boolean;
}

/** The web state folder, resolved as HOSTPLANE_WEB_STATE_DIR documents. */
export function webStateDirOf(
  config: Pick<WebConfig, 'HOSTPLANE_WEB_STATE_DIR' | 'HOSTPLANE_HOME_ROOT'>,
): string | null {
  if (config.HOSTPLANE_WEB_STATE_DIR) return config.HOSTPLANE_WEB_STATE_DIR;
  const home = path.resolve(config.HOSTPLANE_HOME_ROOT);
  return home === '/home' ? null : path.join(path.dirname(home), 'agent-web');
}

/** Every web and load-balancer option of this node, defaults filled in. */
export function webPathsOf(c: WebConfig): WebPaths {
  const stateDir = webStateDirOf(c);
  const base = (standard: string, sub: string) => (stateDir ? path.join(stateDir, sub) : standard);
  const etc = base('/etc/hostplane', 'etc');
  const run = base('/run/hostplane', 'run');
  const log = base('/var/log/hostplane', 'log');
  const lib = base('/var/lib/hostplane', 'lib');
  const nginxConf = c.HOSTPLANE_NGINX_CONF_DIR ?? path.join(etc, 'nginx');
  const supervisorEtc = path.join(etc, 'supervisor');
  const haproxyEtc = path.join(etc, 'haproxy');
  const web: WebNodeOptions = {
    homeRoot: c.HOSTPLANE_HOME_ROOT,
    nginx: {
      binary: c.HOSTPLANE_NGINX_BINARY,
      prefix: c.HOSTPLANE_NGINX_PREFIX ?? `${nginxConf}/`,
      confDir: nginxConf,
      logDir: c.HOSTPLANE_NGINX_LOG_DIR ?? path.join(log, 'nginx'),
      runDir: c.HOSTPLANE_NGINX_RUN_DIR ?? path.join(run, 'nginx'),
      tempDir: c.HOSTPLANE_NGINX_TEMP_DIR ?? path.join(lib, 'nginx'),
      listen: listOf(c.HOSTPLANE_NGINX_LISTEN, stateDir ? '127.0.0.1:8081' : '80,[::]:80'),
      user: c.HOSTPLANE_WEB_USER,
      workerProcesses: c.HOSTPLANE_NGINX_WORKERS ?? (stateDir ? 1 : 'auto'),
      mimeTypes: c.HOSTPLANE_NGINX_MIME_TYPES,
    },
    phpFpm: {
      binaries: c.HOSTPLANE_PHP_FPM_BINARIES,
      confDir: c.HOSTPLANE_PHP_FPM_CONF_DIR ?? path.join(etc, 'php-fpm'),
      runDir: c.HOSTPLANE_PHP_FPM_RUN_DIR ?? path.join(run, 'php-fpm'),
      logDir: c.HOSTPLANE_PHP_FPM_LOG_DIR ?? path.join(log, 'php-fpm'),
      socketOwner: c.HOSTPLANE_WEB_USER,
      socketGroup: c.HOSTPLANE_WEB_USER,
    },
    apps: {
      runtimes: {
        NODE: c.HOSTPLANE_NODE_RUNTIMES,
        PYTHON: c.HOSTPLANE_PYTHON_RUNTIMES ?? {},
        RUBY: c.HOSTPLANE_RUBY_RUNTIMES ?? {},
      },
      basePath: c.HOSTPLANE_APP_PATH,
      logDir: c.HOSTPLANE_APP_LOG_DIR ?? path.join(log, 'apps'),
      socketDir: c.HOSTPLANE_APP_SOCKET_DIR ?? path.join(run, 'apps'),
      webUser: c.HOSTPLANE_WEB_USER,
    },
    supervisor: {
      supervisord: c.HOSTPLANE_APP_SUPERVISORD,
      supervisorctl: c.HOSTPLANE_APP_SUPERVISORCTL,
      configFile: c.HOSTPLANE_APP_SUPERVISOR_CONFIG ?? path.join(supervisorEtc, 'supervisord.conf'),
      socket: c.HOSTPLANE_APP_SUPERVISOR_SOCKET ?? path.join(run, 'app-supervisor.sock'),
      pidFile: c.HOSTPLANE_APP_SUPERVISOR_PID_FILE ?? path.join(run, 'app-supervisord.pid'),
      logDir: c.HOSTPLANE_APP_SUPERVISOR_LOG_DIR ?? path.join(log, 'supervisor'),
      programsDir: c.HOSTPLANE_APP_SUPERVISOR_PROGRAMS_DIR ?? path.join(supervisorEtc, 'programs'),
    },
  };
  const haproxy: HaproxyOptions = {
    binary: c.HOSTPLANE_HAPROXY_BINARY,
    configFile: c.HOSTPLANE_HAPROXY_CONFIG ?? path.join(haproxyEtc, 'haproxy.cfg'),
    mapFile: c.HOSTPLANE_HAPROXY_MAP_FILE ?? path.join(haproxyEtc, 'fqdn-to-shard.map'),
    adminSocket: c.HOSTPLANE_HAPROXY_ADMIN_SOCKET ?? path.join(run, 'haproxy-admin.sock'),
    pidFile: c.HOSTPLANE_HAPROXY_PID_FILE ?? path.join(run, 'haproxy.pid'),
    bind: listOf(c.HOSTPLANE_HAPROXY_BIND, stateDir ? '127.0.0.1:8080' : ':80'),
  };
  const httpsBind = listOf(c.HOSTPLANE_HAPROXY_HTTPS_BIND, stateDir ? '' : ':443');
  if (httpsBind.length > 0) haproxy.tls = { bind: httpsBind, dir: path.join(haproxyEtc, 'tls') };
  return { web, haproxy, stateDir, stopOnExit: c.HOSTPLANE_WEB_STOP_ON_EXIT ?? stateDir !== null };
}

function listOf(value: string | undefined, fallback: string): string[] {
  return (value ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Parses just the web settings (tests; the agent parses them with the rest of its config). */
export const parseWebConfig = (env: NodeJS.ProcessEnv): WebConfig => schema.parse(env);
