/**
 * Pure rendering of php-fpm config: the global file of one master (one per PHP version) and one
 * pool per PHP webroot, running as the tenant's user. Golden files: test-fixtures/php-fpm.
 */
import {
  envNameProblem,
  envValueProblem,
  PHP_PINNED_DEFAULTS,
  phpDirectiveProblem,
  WEBROOT_NAME_PATTERN,
  type PhpProcessManager,
  type PhpWebrootSpec,
} from '@hostplane/contract/webroots';

const BANNER = '; Managed by the Hostplane node agent: changes here are overwritten.';
// Platform paths are written unquoted into INI lines; anything else is a configuration bug.
const SAFE_PATH = /^\/[A-Za-z0-9_./-]*$/;
const SAFE_NAME = /^[a-z_][a-z0-9_-]*$/;

/** Root-only and outside every home: no tenant script can live under it. */
export const OPCACHE_API_ROOT = '/usr/lib/hostplane/opcache-api/';

/** The default when a webroot has no processManager: no idle workers, so pools are cheap. */
export const DEFAULT_PROCESS_MANAGER: PhpProcessManager = {
  mode: 'ondemand',
  maxChildren: 5,
  idleTimeoutSeconds: 10,
  maxRequests: 500,
};

function path(value: string): string {
  if (!SAFE_PATH.test(value)) throw new Error(`refusing path ${JSON.stringify(value)} in a php-fpm config`);
  return value;
}

function name(value: string): string {
  if (!SAFE_NAME.test(value)) throw new Error(`refusing name ${JSON.stringify(value)} in a php-fpm config`);
  return value;
}

/** The master's global file: its pid, log and the pools folder it includes. */
export function renderFpmGlobal(ctx: { pidFile: string; errorLog: string; poolsDir: string }): string {
  return [
    BANNER,
    '[global]',
    `pid = ${path(ctx.pidFile)}`,
    `error_log = ${path(ctx.errorLog)}`,
    'daemonize = yes',
    // A pool that cannot start must not take the master down with it on reload.
    'process_control_timeout = 10s',
    `include = ${path(ctx.poolsDir)}/*.conf`,
    '',
  ].join('\n');
}

/** Paths and owners a pool needs, resolved by the caller from node options. */
export interface PoolContext {
  socket: string;
  /** nginx's worker user and group: the only ones allowed to connect to the socket. */
  socketOwner: string;
  socketGroup: string;
  /** The tenant's home: open_basedir and temp folders stay inside it. */
  home: string;
  webrootDir: string;
}

function processManagerLines(pm: PhpProcessManager): string[] {
  const lines = [`pm = ${pm.mode}`, `pm.max_children = ${pm.maxChildren}`];
  if (pm.mode === 'dynamic') {
    const minSpare = pm.minSpareServers ?? 1;
    lines.push(
      `pm.start_servers = ${pm.startServers ?? minSpare}`,
      `pm.min_spare_servers = ${minSpare}`,
      `pm.max_spare_servers = ${pm.maxSpareServers ?? Math.min(pm.maxChildren, 3)}`,
    );
  }
  if (pm.mode === 'ondemand') lines.push(`pm.process_idle_timeout = ${pm.idleTimeoutSeconds ?? 10}s`);
  lines.push(`pm.max_requests = ${pm.maxRequests ?? 500}`);
  return lines;
}

function valueLines(kind: 'php_value' | 'php_admin_value', values: Record<string, string> = {}): string[] {
  return Object.entries(values)
    .filter(([key]) => !(key in PHP_PINNED_DEFAULTS))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => {
      const problem = phpDirectiveProblem(key, value);
      if (problem) throw new Error(`${kind}[${key}]: ${problem}`);
      return `${kind}[${key}] = ${value}`;
    });
}

/**
 * `env[NAME] = "value"` per variable or secret (getenv() and $_SERVER in the scripts). Inside
 * php-fpm's INI double quotes a backslash escapes `\\`, `"` and `$` (unescaped, `${X}` would
 * expand the master's variable X). Errors name the variable, never the value.
 */
function envLines(spec: PhpWebrootSpec): string[] {
  return (spec.env ?? []).map(({ name: key, value }) => {
    if (envNameProblem(key) || envValueProblem(value)) throw new Error(`refusing env[${key}]`);
    return `env[${key}] = "${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
  });
}

/**
 * The memory and time limits, from the tenant's values (validated in range) or the defaults.
 * Rendered as php_admin_value, which scripts cannot change at run time.
 */
function pinnedLimits(config: PhpWebrootSpec['runtimeConfig']): Record<string, string> {
  return Object.fromEntries(
    Object.entries(PHP_PINNED_DEFAULTS).map(([key, fallback]) => {
      const value = config.phpAdminValues?.[key] ?? config.phpValues?.[key] ?? fallback;
      const problem = phpDirectiveProblem(key, value);
      if (problem) throw new Error(`php_admin_value[${key}]: ${problem}`);
      return [key, value];
    }),
  );
}

/** The pool `[web_x]` of one PHP webroot. */
export function renderPool(spec: PhpWebrootSpec, ctx: PoolContext): string {
  if (!WEBROOT_NAME_PATTERN.test(spec.name)) throw new Error(`bad webroot name ${spec.name}`);
  const user = name(spec.tenant.name);
  const tmp = `${path(ctx.home)}/tmp`;
  const config = spec.runtimeConfig;
  const limits = pinnedLimits(config);
  return [
    BANNER,
    `[${spec.name}]`,
    `user = ${user}`,
    `group = ${user}`,
    `listen = ${path(ctx.socket)}`,
    `listen.owner = ${name(ctx.socketOwner)}`,
    `listen.group = ${name(ctx.socketGroup)}`,
    'listen.mode = 0660',
    `chdir = ${path(ctx.webrootDir)}`,
    // php-fpm's default, written out: workers start with an empty environment, not the master's.
    'clear_env = yes',
    ...envLines(spec),
    ...processManagerLines(config.processManager ?? DEFAULT_PROCESS_MANAGER),
    // max_execution_time counts CPU time only: a request sleeping on a socket is ended here.
    `request_terminate_timeout = ${Number(limits.max_execution_time) + 60}s`,
    // Sessions default to the tenant's tmp; the tenant may point them elsewhere in its home.
    `php_value[session.save_path] = ${tmp}`,
    ...valueLines('php_value', config.phpValues),
    ...valueLines('php_admin_value', config.phpAdminValues),
    // Last, so nothing above can loosen them (tenant values for these keys are refused anyway).
    ...Object.entries(limits).map(([key, value]) => `php_admin_value[${key}] = ${value}`),
    `php_admin_value[open_basedir] = ${path(ctx.home)}/:/usr/share/php/`,
    `php_admin_value[upload_tmp_dir] = ${tmp}`,
    `php_admin_value[sys_temp_dir] = ${tmp}`,
    // Every pool of a master shares one opcode cache. A cached script is served to a worker only
    // if its user may read the file (and chroots don't alias), and the cache's API answers only
    // scripts under a root-owned folder: restricted to the pool's own root, a tenant's page still
    // lists every tenant's scripts (opcache_get_status reports the whole cache) and resets all.
    'php_admin_value[opcache.validate_permission] = 1',
    'php_admin_value[opcache.validate_root] = 1',
    `php_admin_value[opcache.restrict_api] = ${OPCACHE_API_ROOT}`,
    '',
  ].join('\n');
}
