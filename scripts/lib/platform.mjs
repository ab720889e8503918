// The platform's own processes, started the same way by `npm start` and by the test harness:
// bootstrap (first admin key + local node), then the API, the worker and the local node agent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { run } from './exec.mjs';
import { entryPoints, repoRoot } from './paths.mjs';
import { freePort, waitUntil } from './ports.mjs';
import { hasPollers } from './temporal.mjs';

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
  const { databaseUrl, temporal, nodeId, homeRoot, apiPort = 0, logLevel = 'info' } = options;
  const webPort = options.webPort ?? (await freePort());
  const lbPort = options.lbPort ?? (await freePort());
  const webStateDir = path.join(path.dirname(homeRoot), 'agent-web');
  // API (which allocates Valkey ports) and agent (which binds them) must agree on the range; a
  // test run takes its own block so overlapping runs never fight over a port.
  const valkeyPorts = options.valkeyPorts
    ? { VALKEY_PORT_MIN: String(options.valkeyPorts.min), VALKEY_PORT_MAX: String(options.valkeyPorts.max) }
    : {};
  for (const file of [entryPoints.api, entryPoints.worker, entryPoints.nodeAgent]) requireBuilt(file);
  const { CONTROL_TASK_QUEUE, nodeTaskQueue } = await import(pathToFileURL(entryPoints.temporalContract).href);
  const base = {
    ...process.env,
    ...(options.payloadKey ? { HOSTPLANE_PAYLOAD_KEY: options.payloadKey } : {}),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
    LOG_LEVEL: logLevel,
  };
  const polled = (taskQueue) => () => hasPollers(temporal.binary, temporal.address, taskQueue);
  const node = (file) => [process.execPath, [file]];

  const startedAt = new Date();
  const [apiLine] = await Promise.all([
    group.start('api', ...node(entryPoints.api), {
      cwd: repoRoot,
      env: {
        ...base,
        ...valkeyPorts,
        DATABASE_URL: databaseUrl,
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
        ...(options.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: options.workflowBundlePath } : {}),
        WEB_BACKEND_PORT: String(webPort),
        // e.g. the resolvers and pace of host name proofs (the test platform's PowerDNS)
        ...options.workerEnv,
      },
      readyProbe: polled(CONTROL_TASK_QUEUE),
      timeoutMs: 120_000, // without a prebuilt bundle the worker bundles its workflows first
    }),
    // Node agents never get control-plane database credentials (DESIGN.md §4b).
    group.start('agent', ...node(entryPoints.nodeAgent), {
      cwd: repoRoot,
      env: {
        ...withoutDatabaseUrl(base),
        ...valkeyPorts,
        NODE_ID: nodeId,
        HOSTPLANE_HOME_ROOT: homeRoot,
        HOSTPLANE_WEB_STATE_DIR: webStateDir,
        HOSTPLANE_NGINX_LISTEN: `127.0.0.1:${webPort}`,
        HOSTPLANE_HAPROXY_BIND: `127.0.0.1:${lbPort}`,
        HOSTPLANE_WEB_STOP_ON_EXIT: 'true',
      },
      readyProbe: polled(nodeTaskQueue(nodeId)),
    }),
  ]);
  await capabilitiesReported(databaseUrl, nodeId, startedAt);
  const apiUrl = /"url":"([^"]+)"/.exec(apiLine)?.[1];
  if (!apiUrl) throw new Error(`api listening line carries no url: ${apiLine}`);
  return { apiUrl, wsUrl: apiUrl.replace(/^http/, 'ws'), lbUrl: `http://127.0.0.1:${lbPort}`, webStateDir };
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
