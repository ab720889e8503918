// Root vitest globalSetup: starts the shared services ONCE per run — a fresh database on the
// machine's PostgreSQL, a Temporal dev server, then bootstrap, API, worker and node agent from
// their built dist/, and a second data node (./second-data-node.ts) — provides their coordinates
// to every test (see ./platform.ts) and tears it all down at the end. Service logs go to
// test-artifacts/platform/<run>/ (kept for CI).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  bootstrap,
  bundleWorkflows,
  dropDatabase,
  ensureDatabase,
  ensureTemporal,
  freePort,
  listDatabases,
  migrateDeploy,
  portBlockBelowEphemeral,
  ProcessGroup,
  repoRoot,
  startPlatformProcesses,
  startPebble,
  startTemporal,
  stopDaemonsUnder,
  withDatabase,
} from '@hostplane/scripts/lib';
import { removeEgressTable } from './egress-table.js';
import { removeUsersOfFinishedRuns, removeUsersUnder } from './linux-users.js';
import { dropMariadbObjectsOf } from './mariadb-leftovers.js';
import type { Platform } from './platform.js';
import { startPowerDns } from './powerdns.js';
import { secondNodeAddress, startSecondAgent, startSecondMariadb } from './second-data-node.js';
import pg from 'pg';

/**
 * Every run's database would hand out tenant UIDs from 200000, and the node agent creates real
 * Linux users: two runs on one machine (or a run's leftovers) would collide. Each run starts
 * its UIDs at its own random block instead.
 */
async function spreadTenantUids(databaseUrl: string): Promise<void> {
  const start = 300_000 + Math.floor(Math.random() * 1_500) * 1_000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`ALTER SEQUENCE tenant_uid_seq RESTART WITH ${start}`);
  } finally {
    await client.end();
  }
}

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB_PREFIX = 'hostplane_test_';
/** A run's database outlives it only when the run was killed; older than this, it is litter. */
const STALE_AFTER_SECONDS = 2 * 60 * 60;
const TMP_PREFIX = 'hostplane-test-';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { platform, teardown } = await startEphemeralPlatform();
  project.provide('platform', platform);
  return teardown;
}

export interface EphemeralPlatform {
  platform: Platform;
  /** pid of the API process (benchmarks read its memory). */
  apiPid: number;
  /** pid of the node agent (benchmarks read its peak memory). */
  agentPid: number;
  /**
   * Its processes — `postgres` is not one (the machine's PostgreSQL is shared), `temporal`, `api`,
   * `worker`, `agent`, and the second data node's `agent-2` and `mariadb-2` are — for fault tests:
   * kill(name), restart(name), pidOf(name), tail(name).
   */
  group: ProcessGroup;
  /** The platform's temp folder: Temporal's SQLite file, homes, the agent's web state. */
  stateDir: string;
  /** The workflow bundle its worker runs (replay tests replay histories against it). */
  workflowBundlePath: string;
  teardown(): Promise<void>;
}

/**
 * A whole platform of its own — fresh database, Temporal dev server, API, worker, node agent, a
 * second data node with its own MariaDB — for one test run (or one benchmark run), torn down
 * without leaving anything behind.
 */
export async function startEphemeralPlatform(): Promise<EphemeralPlatform> {
  const started = performance.now();
  const runStamp = Math.floor(Date.now() / 1000);
  const runId = `${runStamp}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_URL, `${DB_PREFIX}${runId}`);
  // The platform's PowerDNS keeps its zones in a database of its own, which its agent creates.
  const pdnsDatabaseUrl = withDatabase(ADMIN_URL, `${DB_PREFIX}${runId}_pdns`);
  const tmp = await mkdtemp(path.join(tmpdir(), TMP_PREFIX));
  // mkdtemp makes it 0700: tenants' PHP pools and apps (their own UIDs) and nginx's workers
  // must traverse it to reach the homes and the web state folder below — not list it.
  await chmod(tmp, 0o711);
  const logDir = path.join(repoRoot, 'test-artifacts', 'platform', runId);
  const group = new ProcessGroup({ logDir });
  const nodeIds: string[] = [];

  const teardown = async () => {
    await group.stopAll({ graceMs: 5_000 });
    // An agent removes its egress table when it stops; one that was killed leaves it.
    for (const id of nodeIds) await removeEgressTable(id);
    // Daemons the node agent launched (supervisord, redis, nginx, php-fpm, haproxy) outlive an
    // agent that had to be killed; every one of them was started with a path in this run's folder.
    await stopDaemonsUnder(tmp);
    await removeUsersUnder(tmp);
    await dropMariadbObjectsOf(databaseUrl).catch((error: unknown) => {
      process.stderr.write(`[platform] could not drop the run's MariaDB databases and users: ${String(error)}\n`);
    });
    await dropDatabase(pdnsDatabaseUrl).catch((error: unknown) => {
      process.stderr.write(`[platform] could not drop ${pdnsDatabaseUrl}: ${String(error)}\n`);
    });
    await dropDatabase(databaseUrl).catch((error: unknown) => {
      process.stderr.write(`[platform] could not drop ${databaseUrl}: ${String(error)}\n`);
    });
    await rm(tmp, { recursive: true, force: true });
  };

  try {
    await Promise.all([
      dropStaleDatabases(runStamp),
      pruneOldLogs(logDir),
      removeUsersOfFinishedRuns(tmpdir(), TMP_PREFIX),
    ]);
    const temporalBinary = await ensureTemporal();
    const secondAddress = secondNodeAddress();
    // Independent of each other: run them side by side.
    const [, temporal, workflowBundlePath, secondMariadb] = await Promise.all([
      ensureDatabase(databaseUrl)
        .then(() => migrateDeploy(databaseUrl))
        .then(() => spreadTenantUids(databaseUrl)),
      startTemporal(group, { binary: temporalBinary, dbFile: path.join(tmp, 'temporal.sqlite') }),
      bundleWorkflows(path.join(tmp, 'workflow-bundle.js')),
      startSecondMariadb(group, tmp, secondAddress),
    ]);
    const boot = await bootstrap(databaseUrl, ['--local-node', `--second-data-node=${secondAddress}`]);
    if (!boot.adminKey) throw new Error('bootstrap returned no admin key for a fresh database');
    if (!boot.secondNodeId) throw new Error('bootstrap returned no second data node');
    nodeIds.push(boot.nodeId, boot.secondNodeId);
    // Each run's Temporal payloads are encrypted under a key of its own.
    const payloadKey = randomBytes(32).toString('base64');
    // And its tenants' secrets under a master key of its own (API and worker only).
    const secretsKey = randomBytes(32).toString('base64');
    const homeRoot = path.join(tmp, 'homes');
    await mkdir(homeRoot);
    // Customers' DNS, as far as host name proofs go: binds look their TXT challenges up there.
    const dns = await startPowerDns(group, path.join(tmp, 'pdns'));
    // The ACME CA: certificates validated over HTTP-01 through the local node's HAProxy.
    const lbPort = await freePort();
    const acme = await startPebble(group, { dir: path.join(tmp, 'pebble'), httpPort: lbPort });
    const workerEnv = {
      ACME_DIRECTORY_URL: acme.directoryUrl,
      NODE_EXTRA_CA_CERTS: acme.listenerCaFile,
      HOSTPLANE_DNS_RESOLVERS: dns.dnsAddress,
      HOSTNAME_VERIFY_POLL_SECONDS: '1',
      HOSTNAME_VERIFY_GIVE_UP_SECONDS: '120',
      // A deleted mailbox's stored mail goes after this grace period (7 days in production).
      HOSTPLANE_MAIL_DATA_GRACE_SECONDS: '3',
    };
    const temporalEndpoint = { address: temporal.address, binary: temporalBinary };
    // Both nodes take Valkey ports from the block the API allocates (each on its own address).
    const valkeyPorts = portBlockBelowEphemeral(200);
    const [{ apiUrl, wsUrl, lbUrl, lbHttpsUrl, webStateDir, dnsAddress, mail }, second] = await Promise.all([
      startPlatformProcesses(group, {
        pdnsDatabaseUrl,
        lbPort,
        databaseUrl,
        temporal: temporalEndpoint,
        nodeId: boot.nodeId,
        homeRoot,
        workflowBundlePath,
        valkeyPorts,
        payloadKey,
        secretsKey,
        workerEnv,
      }),
      startSecondAgent(group, {
        stateDir: tmp,
        databaseUrl,
        temporal: temporalEndpoint,
        nodeId: boot.secondNodeId,
        address: secondAddress,
        mysql: secondMariadb,
        valkeyPorts,
        payloadKey,
      }),
    ]);
    const platform: Platform = {
      apiUrl,
      wsUrl,
      adminKey: boot.adminKey,
      databaseUrl,
      temporalAddress: temporal.address,
      nodeId: boot.nodeId,
      shardId: boot.shardId,
      homeRoot,
      lbUrl,
      lbHttpsUrl,
      acmeRootFile: acme.rootFile,
      webStateDir,
      payloadKey,
      dnsApiUrl: dns.apiUrl,
      dnsApiKey: dns.apiKey,
      platformDns: dnsAddress,
      platformMail: mail,
      pdnsDatabaseUrl,
      secondDataNode: {
        id: boot.secondNodeId,
        address: secondAddress,
        homeRoot: second.homeRoot,
        mariadb: secondMariadb,
      },
    };
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `[platform] ready in ${seconds}s: ${apiUrl}, sites at ${lbUrl}, temporal ${temporal.address}; ` +
        `logs in ${path.relative(repoRoot, logDir)}/\n`,
    );
    return {
      platform,
      apiPid: group.pidOf('api')!,
      agentPid: group.pidOf('agent')!,
      group,
      stateDir: tmp,
      workflowBundlePath,
      teardown,
    };
  } catch (error) {
    await teardown();
    throw error;
  }
}

/** Drops databases of earlier runs that were killed before their teardown (name = start time). */
async function dropStaleDatabases(now: number): Promise<void> {
  const names = await listDatabases(ADMIN_URL, `${DB_PREFIX}%`);
  const stale = names.filter((name) => {
    const stamp = Number(name.slice(DB_PREFIX.length).split('_')[0]);
    return Number.isFinite(stamp) && now - stamp > STALE_AFTER_SECONDS;
  });
  await Promise.all(stale.map((name) => dropDatabase(withDatabase(ADMIN_URL, name))));
}

/** Keeps a day of service logs: enough to look at a failed run, not a growing pile. */
async function pruneOldLogs(logDir: string): Promise<void> {
  const parent = path.dirname(logDir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const entry of entries) {
    const full = path.join(parent, entry);
    if ((await stat(full)).mtimeMs < dayAgo) await rm(full, { recursive: true, force: true });
  }
}
