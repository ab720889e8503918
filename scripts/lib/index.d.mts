// Types of scripts/lib (plain Node ESM, so that `npm start` runs before anything is installed).

export declare const repoRoot: string;
export declare const dataDir: string;
export declare const entryPoints: Record<
  'api' | 'bootstrap' | 'worker' | 'workerBundle' | 'nodeAgent' | 'temporalContract',
  string
>;
/** Makes `dir` (default: npm start's data folder) 0711 with its private folders (run/, logs/) 0700. */
export declare function prepareDataDirModes(dir?: string): void;

/** Path of a usable `temporal` CLI; builds it with Go into the per-user cache when missing. */
export declare function ensureTemporal(): Promise<string>;

export interface TemporalEndpoint {
  /** host:port of the frontend gRPC service. */
  address: string;
  /** The `temporal` CLI, used for readiness probes. */
  binary: string;
  namespace?: string;
}

/** Starts `temporal server start-dev` in `group`; resolves once the default namespace answers. */
export declare function startTemporal(
  group: ProcessGroup,
  options: { binary: string; dbFile: string; port?: number; uiPort?: number; logLevel?: string; detached?: boolean },
): Promise<{ address: string; uiUrl: string | null }>;

export declare function hasPollers(binary: string, address: string, taskQueue: string): Promise<boolean>;

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Ready when a line of output matches; start() then resolves with that line. */
  readyLine?: RegExp;
  /** Ready when this resolves truthy (polled). */
  readyProbe?: () => Promise<unknown>;
  timeoutMs?: number;
  /** Higher layers are stopped first. Default 1; Temporal uses 0, PostgreSQL -1. */
  layer?: number;
  /** The signal that stops it (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  uid?: number;
  gid?: number;
  /** In a process group of its own: a terminal's Ctrl-C does not reach it. */
  detached?: boolean;
}

export interface Service {
  name: string;
  exited: string | null;
}

/** Child processes that are logged, awaited until ready and stopped together. */
export declare class ProcessGroup {
  constructor(options?: { logDir?: string; pidDir?: string });
  /** A service that was ready exited on its own and is not (or no longer) restarted. */
  onCrash: (service: Service, reason: string) => void;
  /** A supervised service crashed and is restarted after a backoff; `note` says why and when. */
  onRestart: (service: Service, note: string) => void;
  /**
   * Restarts these services when they crash, after backoffMs (default 1 s, doubled per crash
   * within windowMs, at most maxBackoffMs = 30 s); `maxCrashes` (default 5) within `windowMs`
   * (default 60 s) give up and call onCrash.
   */
  supervise(
    names: string[],
    policy?: { maxCrashes?: number; windowMs?: number; backoffMs?: number; maxBackoffMs?: number },
  ): void;
  /** Signals a service (default SIGKILL) as an expected exit; resolves with how it exited. */
  kill(name: string, signal?: NodeJS.Signals): Promise<string | null>;
  /**
   * Starts a service again with its command and options (`env` merged over its environment);
   * stops it first if it runs. Resolves when it is ready, like start().
   */
  restart(name: string, changes?: { env?: NodeJS.ProcessEnv; graceMs?: number }): Promise<string | undefined>;
  start(name: string, command: string, args: string[], options?: StartOptions): Promise<string | undefined>;
  pidOf(name: string): number | undefined;
  tail(name: string): string;
  writer(name: string): (line: string) => void;
  reapStale(): Promise<string[]>;
  stopAll(options?: { graceMs?: number }): Promise<void>;
}

export declare function withDatabase(url: string, database: string): string;
export declare function databaseName(url: string): string;
export declare function ensureDatabase(url: string): Promise<void>;
export declare function dropDatabase(url: string): Promise<void>;
export declare function listDatabases(url: string, likePattern: string): Promise<string[]>;
export declare function migrateDeploy(url: string): Promise<void>;

export interface BootstrapResult {
  adminKey: string | null;
  nodeId: string;
  shardId: string;
  /** With --second-data-node=<address>: that node's id. */
  secondNodeId?: string;
  revokedKeys: number;
}

export declare function bootstrap(databaseUrl: string, args?: string[]): Promise<BootstrapResult>;
/**
 * Stops what a run left running under `dir` (by pid files, then by command line); resolves with
 * the pids it signalled.
 */
export declare function stopDaemonsUnder(dir: string, options?: { skip?: string[] }): Promise<number[]>;
/** The Debian packages of infra/debian-packages.txt that dpkg does not list as installed. */
export declare function missingPackages(names: string[]): Promise<string[]>;
export declare function readPackageList(): { name: string; purpose: 'node' | 'test'; why: string }[];
export declare function bundleWorkflows(outPath: string): Promise<string>;
export declare function startPlatformProcesses(
  group: ProcessGroup,
  options: {
    databaseUrl: string;
    temporal: TemporalEndpoint;
    nodeId: string;
    homeRoot: string;
    apiPort?: number;
    /** Loopback port of the node's nginx (default: a free one). */
    webPort?: number;
    /** Loopback port of the node's HAProxy, the sites' front door (default: a free one). */
    lbPort?: number;
    /** Loopback port of its HAProxy's HTTPS bind (default: a free one). */
    lbHttpsPort?: number;
    /** Port of the node's own sshd for tenants, on its address (default: a free one). */
    sshPort?: number;
    logLevel?: string;
    workflowBundlePath?: string;
    /** Valkey port range for API and agent (default: the agent's own). */
    valkeyPorts?: { min: number; max: number };
    /** HOSTPLANE_PAYLOAD_KEY of API, worker and agent: their Temporal payloads are encrypted with it. */
    payloadKey?: string;
    /** HOSTPLANE_SECRETS_KEY of API and worker (never the agent): the master key of tenants' secrets. */
    secretsKey?: string;
    /** More environment for the worker only (e.g. HOSTPLANE_DNS_RESOLVERS). */
    workerEnv?: Record<string, string>;
    /** Port of the node's PowerDNS (DNS shard `local-dns`) on its address (default: a free one). */
    dnsPort?: number;
    /** PowerDNS's own database (default: `<databaseUrl's database>_pdns` on the same server). */
    pdnsDatabaseUrl?: string;
  },
): Promise<{
  apiUrl: string;
  wsUrl: string;
  lbUrl: string;
  lbHttpsUrl: string;
  webStateDir: string;
  /** `address:port` of the node's PowerDNS. */
  dnsAddress: string;
  /** The node's Postfix and Dovecot (mail shard `local-mail`). */
  mail: {
    /** Its host name: the MX, and the name its certificate is ordered for. */
    hostname: string;
    address: string;
    smtpPort: number;
    submissionPort: number;
    imapPort: number;
    dkimPort: number;
    replyPort: number;
  };
}>;

/** A MariaDB server's admin account over TCP. */
export interface MariadbServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/**
 * One more node agent (service `name`) for node `nodeId`, its nginx, HAProxy and Valkey instances
 * on loopback address `address`, its databases on `mysql`; resolves once it polls its queue and
 * has reported its capabilities.
 */
export declare function startNodeAgent(
  group: ProcessGroup,
  options: {
    name: string;
    databaseUrl: string;
    temporal: TemporalEndpoint;
    nodeId: string;
    homeRoot: string;
    address: string;
    mysql: MariadbServer;
    valkeyPorts?: { min: number; max: number };
    payloadKey?: string;
    logLevel?: string;
    /** VALKEY_ACCOUNT_PREFIX of the agent: its instances' accounts differ from another agent's on this machine. */
    accountPrefix?: string;
  },
): Promise<{ homeRoot: string; webStateDir: string; lbUrl: string }>;

/**
 * A private `mariadbd` (service `name`, default `mariadb-2`) with its datadir in `dir`, on
 * `host`:`port`; its admin is root from 127.0.0.1 with a fresh password.
 */
export declare function startPrivateMariadb(
  group: ProcessGroup,
  options: { dir: string; host: string; port: number; name?: string },
): Promise<MariadbServer>;

/** web/, the Next.js control panel. */
export declare const webDir: string;
/** Why the panel needs `next build` (a short reason), or null when web/.next is current. */
export declare function webBuildStale(): string | null;
/** Runs `next build` in web/ when webBuildStale() says so. */
export declare function buildWeb(): Promise<void>;
/** Starts `next start` (talking to the API at apiUrl) in `group`; resolves with the panel's URL. */
export declare function startWeb(
  group: ProcessGroup,
  options: { apiUrl: string; port?: number; host?: string; name?: string },
): Promise<string>;

/** A TCP port free on `host` (default 127.0.0.1) right now. */
export declare function freePort(host?: string): Promise<number>;

/** `size` ports below the ephemeral range (and above `npm start`'s Valkey range) nobody binds first. */
export declare function portBlockBelowEphemeral(size: number, floor?: number): { min: number; max: number };

/**
 * Debian's Pebble (ACME) with pebble-challtestsrv as its DNS, files in `dir`: HTTP-01 validation
 * connects to every name on `lbAddress` (default 127.0.0.1) port `httpPort` (the load balancer).
 * `listenerCaFile` signs Pebble's own HTTPS (the worker's NODE_EXTRA_CA_CERTS); `rootFile` is the
 * root its certificates chain up to.
 */
export declare function startPebble(
  group: ProcessGroup,
  options: { dir: string; httpPort: number; lbAddress?: string; port?: number; managementPort?: number },
): Promise<{ directoryUrl: string; listenerCaFile: string; rootFile: string }>;
