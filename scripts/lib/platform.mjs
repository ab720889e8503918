// The platform's own processes, started the same way by `npm start` and by the test harness:
// bootstrap (first admin key + local node), then the API, the worker and the local node agent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './exec.mjs';
import { databaseName, withDatabase } from './database.mjs';
import { entryPoints, repoRoot } from './paths.mjs';
import { freePort, waitUntil } from './ports.mjs';
import { hasPollers } from './temporal.mjs';

/** The local mail node's host name: its MX, and the name its certificate is ordered for. */
const LOCAL_MAIL_HOSTNAME = 'mail.localhost';

/** Fails early, naming the missing file, instead of a cryptic MODULE_NOT_FOUND from a child. */
function requireBuilt(file) {
  if (!existsSync(file)) {
    throw new Error(`${file} does not exist: is its package built (npx tsc -b)?`);
  }
}

/**
 * Runs `server/dist/bootstrap.js --local-node`: creates the first admin API key (only when no
 * key exists) and the local region/cluster/shard/node. Other `args` ask it for other set-up
 * (`--new-admin-key`: see server/src/bootstrap.ts).
 * @returns {Promise<{ adminKey: string | null, nodeId: string, shardId: string, revokedKeys: number }>}
 */
export async function bootstrap(databaseUrl, args = ['--local-node']) {
  requireBuilt(entryPoints.bootstrap);
  const stdout = await run(process.execPath, [entryPoints.bootstrap, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    quiet: true,
  });
  // The contract is one JSON line; take the last one that parses, in case logs precede it.
  const line = stdout
    .trim()
    .split('\n')
    .reverse()
    .find((candidate) => candidate.trim().startsWith('{') && candidate.includes('"adminKey"'));
  if (!line) throw new Error(`bootstrap printed no result line:\n${stdout}`);
  return JSON.parse(line);
}

/** Bundles the workflows once (`worker/dist/bundle.js`), so workers started later skip it. */
export async function bundleWorkflows(outPath) {
  requireBuilt(entryPoints.workerBundle);
  await run(process.execPath, [entryPoints.workerBundle, outPath], { cwd: repoRoot, quiet: true });
  return outPath;
}

/**
 * Starts API, worker and node agent side by side in `group` and resolves when all are ready:
 * the API when it logs its URL, worker and agent when Temporal sees them polling their queues.
 * The agent's nginx and HAProxy listen on loopback ports (free ones unless given), their files
 * in a web state folder beside `homeRoot`; the worker learns the nginx port for the LB backends.
 * Resolves only once the agent's capability report is in the database: the runtime versions
 * webroots may use come from it, so a webroot created right after start must see them.
 * @returns {Promise<{ apiUrl: string, wsUrl: string, lbUrl: string, webStateDir: string }>}
 */
export async function startPlatformProcesses(group, options) {
  const { databaseUrl, temporal, nodeId, homeRoot, apiPort = 0 } = options;
  const webPort = options.webPort ?? (await freePort());
  const lbPort = options.lbPort ?? (await freePort());
  const lbHttpsPort = options.lbHttpsPort ?? (await freePort());
  for (const file of [entryPoints.api, entryPoints.worker, entryPoints.nodeAgent]) requireBuilt(file);
  const { CONTROL_TASK_QUEUE } = await import(pathToFileURL(entryPoints.temporalContract).href);
  const base = sharedEnv(options);
  const node = (file) => [process.execPath, [file]];

  const startedAt = new Date();
  const [apiLine, , agent] = await Promise.all([
    group.start('api', ...node(entryPoints.api), {
      cwd: repoRoot,
      env: {
        ...base,
        ...valkeyPortEnv(options.valkeyPorts),
        DATABASE_URL: databaseUrl,
        ...secretsEnv(options),
        API_HOST: '127.0.0.1',
        API_PORT: String(apiPort),
      },
      readyLine: /"msg":"api listening"/,
    }),
    group.start('worker', ...node(entryPoints.worker), {
      cwd: repoRoot,
      env: {
        ...base,
        DATABASE_URL: databaseUrl,
        ...secretsEnv(options),
        ...(options.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: options.workflowBundlePath } : {}),
        WEB_BACKEND_PORT: String(webPort),
        // e.g. the resolvers and pace of host name proofs (the test platform's PowerDNS)
        ...options.workerEnv,
      },
      readyProbe: polled(temporal, CONTROL_TASK_QUEUE),
      timeoutMs: 120_000, // without a prebuilt bundle the worker bundles its workflows first
    }),
    // Only the web node runs tenants' sshd: the agent's own, on a port of its own (never port 22).
    startAgent(group, 'agent', {
      ...options,
      nodeId,
      homeRoot,
      webPort,
      lbPort,
      lbHttpsPort,
      sshPort: options.sshPort ?? (await freePort()),
      dns: await localDns(options),
      mail: await localMail(),
    }),
  ]);
  await capabilitiesReported(databaseUrl, nodeId, startedAt);
  const apiUrl = /"url":"([^"]+)"/.exec(apiLine)?.[1];
  if (!apiUrl) throw new Error(`api listening line carries no url: ${apiLine}`);
  return {
    apiUrl,
    wsUrl: apiUrl.replace(/^http/, 'ws'),
    lbUrl: agent.lbUrl,
    lbHttpsUrl: agent.lbHttpsUrl,
    webStateDir: agent.webStateDir,
    dnsAddress: agent.dnsAddress,
    mail: agent.mail,
  };
}

/** The local node's Postfix and Dovecot (it is the mail shard `local-mail`): SMTP, submission and IMAP on loopback ports. */
async function localMail() {
  return {
    smtpPort: await freePort(),
    submissionPort: await freePort(),
    imapPort: await freePort(),
    dkimPort: await freePort(),
    // Postfix's listener for Sieve auto-replies (a fixed default would collide between platforms).
    replyPort: await freePort(),
  };
}

/**
 * The local node's PowerDNS (it is the DNS shard `local-dns`): queries on a loopback port, its
 * HTTP API on another, its own database `<platform database>_pdns` on the same PostgreSQL.
 */
async function localDns(options) {
  const { databaseUrl } = options;
  return {
    port: options.dnsPort ?? (await freePort()),
    apiPort: await freePort(),
    databaseUrl: options.pdnsDatabaseUrl ?? withDatabase(databaseUrl, `${databaseName(databaseUrl)}_pdns`),
  };
}

/**
 * Starts one more node agent, service `name` of `group`, for node `nodeId`, the way
 * startPlatformProcesses starts the first: its own homes, state and web folders beside
 * `homeRoot`; its nginx, HAProxy and Valkey instances on `address` (a loopback address of its
 * own, as a second machine would have: the API allocates Valkey ports per node, so two nodes on
 * one address could be handed the same port); its databases on the MariaDB server `mysql`; its
 * Valkey instances' Linux accounts named with `accountPrefix` (both agents share the machine's
 * accounts, where two machines would not: a migration's source and target must not share one).
 * Resolves once it polls its queue and its capability report is in the database.
 * @returns {Promise<{ homeRoot: string, webStateDir: string, lbUrl: string }>}
 */
export async function startNodeAgent(group, options) {
  requireBuilt(entryPoints.nodeAgent);
  const { name, address, mysql } = options;
  const startedAt = new Date();
  const agent = await startAgent(group, name, {
    ...options,
    webPort: await freePort(address),
    lbPort: await freePort(address),
    env: {
      VALKEY_BIND: address,
      MYSQL_ADMIN_HOST: mysql.host,
      MYSQL_ADMIN_PORT: String(mysql.port),
      MYSQL_ADMIN_USER: mysql.user,
      MYSQL_ADMIN_PASSWORD: mysql.password,
      ...(options.accountPrefix ? { VALKEY_ACCOUNT_PREFIX: options.accountPrefix } : {}),
    },
  });
  await capabilitiesReported(options.databaseUrl, options.nodeId, startedAt);
  return { homeRoot: options.homeRoot, ...agent };
}

/** The environment API, worker and agents share: Temporal, its payload key, the log level. */
function sharedEnv({ temporal, payloadKey, logLevel = 'info' }) {
  return {
    ...process.env,
    ...(payloadKey ? { HOSTPLANE_PAYLOAD_KEY: payloadKey } : {}),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
    LOG_LEVEL: logLevel,
  };
}

/**
 * The secrets master key: API (seals) and worker (opens) only, never a node agent (nodes run
 * tenant code; the worker hands them opened values inside sealed Temporal payloads).
 */
function secretsEnv({ secretsKey }) {
  return secretsKey ? { HOSTPLANE_SECRETS_KEY: secretsKey } : {};
}

/**
 * API (which allocates Valkey ports) and agents (which bind them) must agree on the range; a
 * test run takes its own block so overlapping runs never fight over a port.
 */
function valkeyPortEnv(range) {
  return range ? { VALKEY_PORT_MIN: String(range.min), VALKEY_PORT_MAX: String(range.max) } : {};
}

function polled(temporal, taskQueue) {
  return () => hasPollers(temporal.binary, temporal.address, taskQueue);
}

/**
 * A node agent on `address` (default 127.0.0.1): nginx and HAProxy on `webPort` and `lbPort`,
 * files in a web state folder beside `homeRoot`; ready when
 * Temporal sees it poll its queue. Node agents never get control-plane database credentials
 * (DESIGN.md §4b).
 */
async function startAgent(group, name, options) {
  const { nodeId, homeRoot, webPort, lbPort, address = '127.0.0.1', env = {} } = options;
  const { nodeTaskQueue } = await import(pathToFileURL(entryPoints.temporalContract).href);
  const webStateDir = path.join(path.dirname(homeRoot), 'agent-web');
  const program = [process.execPath, [entryPoints.nodeAgent]];
  await group.start(name, ...program, {
    cwd: repoRoot,
    env: {
      ...withoutDatabaseUrl(sharedEnv(options)),
      ...valkeyPortEnv(options.valkeyPorts),
      NODE_ID: nodeId,
      HOSTPLANE_HOME_ROOT: homeRoot,
      HOSTPLANE_WEB_STATE_DIR: webStateDir,
      HOSTPLANE_NGINX_LISTEN: `${address}:${webPort}`,
      HOSTPLANE_HAPROXY_BIND: `${address}:${lbPort}`,
      HOSTPLANE_WEB_STOP_ON_EXIT: 'true',
      ...(options.sshPort ? { HOSTPLANE_SSH_LISTEN: `${address}:${options.sshPort}` } : {}),
      // HTTPS at its HAProxy (certificates through the runtime API), when given a port.
      ...(options.lbHttpsPort ? { HOSTPLANE_HAPROXY_HTTPS_BIND: `${address}:${options.lbHttpsPort}` } : {}),
      // Its own PowerDNS (DNS shard), when given one.
      ...(options.dns
        ? {
            HOSTPLANE_DNS_LISTEN: `${address}:${options.dns.port}`,
            HOSTPLANE_DNS_API_PORT: String(options.dns.apiPort),
            HOSTPLANE_PDNS_DATABASE_URL: options.dns.databaseUrl,
          }
        : {}),
      // Its own Postfix and Dovecot (mail shard), when given ports; folders Postfix's own user can reach.
      ...(options.mail
        ? {
            HOSTPLANE_MAIL_LISTEN: address,
            HOSTPLANE_MAIL_HOSTNAME: LOCAL_MAIL_HOSTNAME,
            HOSTPLANE_MAIL_SMTP_PORT: String(options.mail.smtpPort),
            HOSTPLANE_MAIL_SUBMISSION_PORT: String(options.mail.submissionPort),
            HOSTPLANE_MAIL_IMAP_PORT: String(options.mail.imapPort),
            HOSTPLANE_MAIL_DKIM_PORT: String(options.mail.dkimPort),
            HOSTPLANE_MAIL_REPLY_PORT: String(options.mail.replyPort),
            HOSTPLANE_MAIL_DIR: path.join(path.dirname(homeRoot), 'agent-mail'),
          }
        : {}),
      ...env,
    },
    readyProbe: polled(options.temporal, nodeTaskQueue(nodeId)),
    // A node of every role starts nginx, HAProxy, nftables, sshd, PowerDNS, Postfix, Dovecot and
    // OpenDKIM before it polls: ~15 s on an idle 2-core machine, past 60 s on a loaded one.
    timeoutMs: 180_000,
  });
  return {
    webStateDir,
    lbUrl: `http://${address}:${lbPort}`,
    lbHttpsUrl: options.lbHttpsPort ? `https://${address}:${options.lbHttpsPort}` : null,
    dnsAddress: options.dns ? `${address}:${options.dns.port}` : null,
    mail: options.mail ? { hostname: LOCAL_MAIL_HOSTNAME, address, ...options.mail } : null,
  };
}

/** Waits until node `nodeId` has reported its capabilities since `since` (a report of an earlier start does not count). */
async function capabilitiesReported(databaseUrl, nodeId, since) {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const query = 'SELECT 1 FROM "Node" WHERE id = $1 AND "capabilitiesReportedAt" >= $2';
    await waitUntil(async () => (await db.query(query, [nodeId, since])).rowCount > 0, {
      what: `node ${nodeId} to report its capabilities`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
  } finally {
    await db.end();
  }
}

function withoutDatabaseUrl(env) {
  const { DATABASE_URL: _omitted, ...rest } = env;
  return rest;
}
