/**
 * What a web node must serve, as plain data: the control plane builds these from its database
 * and sends them to the node agent. Pure (no Node built-ins), so workflows may import it.
 */
import type { DaemonSpec } from '../daemons/index.js';
import type { WebrootEnvEntry } from './environment.js';

/** Runtimes a webroot can have. STATIC is nginx alone. */
export const WEB_RUNTIMES = ['PHP', 'NODE', 'PYTHON', 'RUBY', 'STATIC'] as const;
export type WebRuntime = (typeof WEB_RUNTIMES)[number];

/** Runtimes whose code is a long-running app process (supervisord) behind nginx's proxy_pass. */
export const APP_RUNTIMES = ['NODE', 'PYTHON', 'RUBY'] as const;
export type AppRuntime = (typeof APP_RUNTIMES)[number];

/** php-fpm process manager of a webroot's pool (`pm`, `pm.*`). */
export interface PhpProcessManager {
  /** `ondemand` (the default) keeps no idle workers: a node hosts hundreds of pools. */
  mode: 'static' | 'dynamic' | 'ondemand';
  /** pm.max_children, 1..256. */
  maxChildren: number;
  /** dynamic only: pm.start_servers, pm.min_spare_servers, pm.max_spare_servers. */
  startServers?: number;
  minSpareServers?: number;
  maxSpareServers?: number;
  /** ondemand only: pm.process_idle_timeout in seconds (1..3600). */
  idleTimeoutSeconds?: number;
  /** pm.max_requests; 0 = never recycle a worker. */
  maxRequests?: number;
}

/** PHP settings. Keys are php.ini directive names; blocklisted ones are refused by validation. */
export interface PhpRuntimeConfig {
  processManager?: PhpProcessManager;
  /** `php_value[key] = value`: the script may change them again with ini_set. */
  phpValues?: Record<string, string>;
  /** `php_admin_value[key] = value`: fixed for the pool. */
  phpAdminValues?: Record<string, string>;
}

/**
 * A Node.js, Python or Ruby app. `command` is an argument array (never a shell string); an
 * argument may contain `{socket}`, replaced by the path of the Unix socket the app listens on
 * (also in the PORT and APP_SOCKET variables: Node's `server.listen(process.env.PORT)`
 * takes a path). A relative program path is relative to the webroot folder; a bare name is
 * looked up in the runtime version's bin folder first.
 */
export interface AppRuntimeConfig {
  command: string[];
}

/** Static sites have no settings yet. */
export type StaticRuntimeConfig = Record<string, never>;

/** Commands the control plane may offer when the tenant gives none. */
export const DEFAULT_APP_COMMANDS: Readonly<Record<AppRuntime, readonly string[]>> = {
  NODE: ['node', 'server.js'],
  PYTHON: ['gunicorn', '--bind', 'unix:{socket}', 'app:app'],
  RUBY: ['puma', '--bind', 'unix://{socket}', 'config.ru'],
};

/** The tenant owning a webroot, as the node needs it. */
export interface WebrootTenant {
  /** `t_` + 10 characters: also the Linux user the PHP pool and the app run as. */
  name: string;
  uid: number;
  /** A suspended tenant's sites answer 503 and its app processes are stopped. */
  suspended: boolean;
}

interface WebrootSpecBase {
  /** `web_` + 10 lowercase letters or digits. */
  name: string;
  tenant: WebrootTenant;
  /** e.g. `8.2` (PHP), `20` (Node.js); must be installed on the node. Ignored for STATIC. */
  runtimeVersion: string;
  /** Lowercase host names nginx answers to: bound FQDNs plus the service hostname. */
  serverNames: string[];
  /** Folder served, relative to the webroot folder (`public`); '' = the webroot folder itself. */
  documentRoot: string;
  /**
   * The app's (or PHP pool's) environment: plain variables and opened secrets, by name. Only
   * inside this spec, which crosses Temporal sealed by the payload codec (never in clear).
   */
  env?: WebrootEnvEntry[];
  /** Its enabled daemons (`@hostplane/contract/daemons`): supervisord programs beside the site. */
  daemons?: DaemonSpec[];
}

export interface PhpWebrootSpec extends WebrootSpecBase {
  runtime: 'PHP';
  runtimeConfig: PhpRuntimeConfig;
}

export interface AppWebrootSpec extends WebrootSpecBase {
  runtime: AppRuntime;
  runtimeConfig: AppRuntimeConfig;
}

export interface StaticWebrootSpec extends WebrootSpecBase {
  runtime: 'STATIC';
  runtimeConfig: StaticRuntimeConfig;
}

/** Everything one webroot needs on a web node, discriminated by `runtime`. */
export type WebrootSpec = PhpWebrootSpec | AppWebrootSpec | StaticWebrootSpec;

/** The full desired web state of one node (convergence): anything not listed is an orphan. */
export interface NodeWebSpec {
  webroots: WebrootSpec[];
}

/** Outcome for one webroot of an ensure or a convergence pass. */
export interface WebrootReport {
  name: string;
  ok: boolean;
  /** Why the webroot was left out (its previous live config, if any, stays). */
  error?: string;
}

/** What convergeWebNode did on one node. */
export interface NodeWebReport {
  webroots: WebrootReport[];
  /** Webroot names whose configs were removed as orphans. */
  removed: string[];
  /** nginx reloads this pass caused (0 when nothing changed, else 1). */
  nginxReloads: number;
}

/** A FQDN routed by the load balancer to a web shard's backend. */
export interface FqdnMapping {
  fqdn: string;
  /** HAProxy backend name of the shard, e.g. `shard_web1`. */
  backend: string;
}

/** One web shard's backend on the load balancer. */
export interface LbBackendSpec {
  name: string;
  /** The shard's web nodes: nginx addresses as `host:port` (IPv6 as `[addr]:port`). */
  servers: Array<{ name: string; address: string }>;
}

/** The full desired state of a load balancer node. */
export interface LbSpec {
  backends: LbBackendSpec[];
  entries: FqdnMapping[];
}

/** Failure types of web and load-balancer activities that a retry cannot fix. */
export const WEB_NON_RETRYABLE_ERROR_TYPES = [
  'InvalidWebrootSpec',
  'WebrootConflict',
  'RuntimeUnavailable',
  'NginxConfigRejected',
  'PhpFpmConfigRejected',
  'InvalidLbSpec',
  'HaproxyConfigRejected',
] as const;
export type WebNonRetryableErrorType = (typeof WEB_NON_RETRYABLE_ERROR_TYPES)[number];
