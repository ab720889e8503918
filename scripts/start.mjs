// `npm start`: install the Debian packages the platform runs and build what is missing, then run
// the whole platform in the foreground — PostgreSQL (embedded unless DATABASE_URL is set), the
// Temporal dev server (unless TEMPORAL_ADDRESS is set), the API, the worker, a local node agent
// and the panel. State lives in the data folder (paths.mjs) and survives restarts. Ctrl-C stops
// everything, and a start first stops what an earlier one left running. Only Node built-ins are
// imported up front: this file runs before `npm install` on a fresh clone.
import { lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { build } from './lib/build.mjs';
import { ensureDatabase, migrateDeploy, startEmbeddedPostgres, withDatabase } from './lib/database.mjs';
import { envFile, readDotEnv, setDotEnv } from './lib/dotenv.mjs';
import { ensureDeps } from './lib/ensure-deps.mjs';
import { ensureTemporal } from './lib/ensure-temporal.mjs';
import { bold, green, info, red, step, warn, yellow } from './lib/log.mjs';
import { dataDir, dataDirOutsideClone, prepareDataDirModes, repoRoot } from './lib/paths.mjs';
import { payloadKeyIn, secretsKeyIn } from './lib/payload-key.mjs';
import { bootstrap, startPlatformProcesses } from './lib/platform.mjs';
import { isListening } from './lib/ports.mjs';
import { onShutdownSignal, ProcessGroup, stopDaemonsUnder } from './lib/processes.mjs';
import { ensureSystemPackages } from './lib/system-packages.mjs';
import { startPebble } from './lib/pebble.mjs';
import { startTemporal } from './lib/temporal.mjs';
import { startWeb } from './lib/web.mjs';

/** Fixed local ports; 54329 rather than 5432 because the machine's own PostgreSQL may be there. */
const PORTS = {
  postgres: Number(process.env.POSTGRES_PORT ?? 54329),
  temporal: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.API_PORT ?? 4000),
  /** HAProxy of the local node: the sites' front door (LB shard `local-lb`). */
  lb: Number(process.env.LB_PORT ?? 8080),
  /** Its HTTPS bind: certificates from the ACME CA (embedded Pebble unless ACME_DIRECTORY_URL is set). */
  lbHttps: Number(process.env.LB_HTTPS_PORT ?? 8443),
  /** nginx of the local node, behind HAProxy (WEB shard `local-web`). */
  web: Number(process.env.WEB_PORT ?? 8081),
  /** The Next.js control panel (web/), which also serves the GraphQL playground. */
  panel: Number(process.env.PANEL_PORT ?? 3000),
};

const group = new ProcessGroup({ pidDir: path.join(dataDir, 'run') });
let stopping = false;

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  info('stopping…');
  // Panel, then API, worker and agent (which stops its daemons), then Temporal, PostgreSQL last.
  await group.stopAll();
  // Whatever an agent that did not get to stop its daemons left (nginx, HAProxy, php-fpm, …).
  const left = await stopDaemonsUnder(dataDir, { skip: ['homes'] });
  if (left.length) warn(`stopped ${left.length} daemon process(es) the node agent left running`);
  process.exit(exitCode);
}

onShutdownSignal(() => void shutdown(0));
// A crashed API, worker, node agent or panel is started again (with backoff, each restart logged);
// one that crashes 5 times within a minute, or PostgreSQL or Temporal crashing, stops everything.
group.supervise(['api', 'worker', 'agent', 'web'], { maxCrashes: 5, windowMs: 60_000 });
group.onRestart = (service, note) => {
  process.stderr.write(`\n${yellow(`${service.name} ${note}`)}; last lines:\n${group.tail(service.name)}\n`);
};
group.onCrash = (service, reason) => {
  process.stderr.write(`\n${red(`${service.name} exited (${reason})`)}; last lines:\n${group.tail(service.name)}\n`);
  void shutdown(1);
};

try {
  // The Go build of Temporal (first run only) needs nothing but Go: it starts first, beside the
  // Debian packages, npm install and tsc.
  const temporalBuilt = ensureTemporal();
  temporalBuilt.catch(() => {}); // a failure is reported where it is awaited, below
  await ensureSystemPackages(['node']);
  prepareDataDir();
  const [temporalBinary] = await Promise.all([temporalBuilt, ensureDeps().then(build)]);
  const reaped = [
    ...(await group.reapStale()),
    ...(await stopDaemonsUnder(dataDir, { skip: ['homes'] })).map((pid) => `pid ${pid}`),
  ];
  if (reaped.length) warn(`stopped processes left running by an earlier start: ${reaped.join(', ')}`);

  const databaseUrl = await step('PostgreSQL + migrations', prepareDatabase);
  const temporal = await step('Temporal', () => prepareTemporal(temporalBinary));
  const boot = await step('bootstrap', () => bootstrap(databaseUrl));
  // Saved before anything else can fail: the key exists only in this process's memory now.
  const keyNote = saveAdminKey(`http://127.0.0.1:${PORTS.api}/graphql`, boot.adminKey);
  const homeRoot = path.join(dataDir, 'homes');
  mkdirSync(homeRoot, { recursive: true });
  await assertFree(PORTS.api, 'the API (set API_PORT to use another)');
  await assertFree(PORTS.lb, 'the load balancer (set LB_PORT to use another)');
  await assertFree(PORTS.web, 'nginx (set WEB_PORT to use another)');
  await assertFree(PORTS.lbHttps, 'the load balancer over HTTPS (set LB_HTTPS_PORT to use another)');
  const acmeEnv = await step('ACME (Pebble)', prepareAcme);
  await assertFree(PORTS.panel, 'the control panel (set PANEL_PORT to use another)');
  const { apiUrl, wsUrl, lbUrl } = await step('API, worker and node agent', () =>
    startPlatformProcesses(group, {
      databaseUrl,
      temporal,
      nodeId: boot.nodeId,
      homeRoot,
      apiPort: PORTS.api,
      lbPort: PORTS.lb,
      lbHttpsPort: PORTS.lbHttps,
      webPort: PORTS.web,
      workerEnv: acmeEnv,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      payloadKey: payloadKeyIn(path.join(dataDir, 'payload.key')),
      secretsKey: secretsKeyIn(path.join(dataDir, 'secrets.key')),
    }),
  );
  const panelUrl = await step('control panel', () => startWeb(group, { apiUrl, port: PORTS.panel }));

  setDotEnv({ HOSTING_API_URL: apiUrl });
  printSummary({ apiUrl, wsUrl, lbUrl, panelUrl, temporal, databaseUrl, adminKey: boot.adminKey, keyNote });
} catch (error) {
  process.stderr.write(`\n${red('npm start failed:')} ${error instanceof Error ? error.message : error}\n`);
  await shutdown(1);
}

/**
 * Makes the data folder; one outside the clone (see paths.mjs) gets a `.data` link in the clone,
 * so it is found where the README says.
 */
function prepareDataDir() {
  prepareDataDirModes(dataDir);
  if (!dataDirOutsideClone || process.env.HOSTPLANE_DATA_DIR) return;
  const link = path.join(repoRoot, '.data');
  if (!lstatSync(link, { throwIfNoEntry: false })) symlinkSync(dataDir, link);
  info(`data folder: ${dataDir} (others cannot pass through ${repoRoot}'s parents; .data links to it)`);
}

async function prepareDatabase() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedPostgres(group, { stateDir: dataDir, port: PORTS.postgres });
    url = withDatabase(embedded.url, 'hostplane');
  }
  await ensureDatabase(url);
  await migrateDeploy(url);
  return url;
}

/**
 * The worker's ACME settings: ACME_DIRECTORY_URL as set, or a local Pebble validating through
 * this node's HAProxy (its certificates chain to a root Pebble makes at every start).
 */
async function prepareAcme() {
  if (process.env.ACME_DIRECTORY_URL) return {};
  const acme = await startPebble(group, { dir: path.join(dataDir, 'pebble'), httpPort: PORTS.lb });
  return {
    ACME_DIRECTORY_URL: acme.directoryUrl,
    NODE_EXTRA_CA_CERTS: acme.listenerCaFile,
    // The local "world" DNS Pebble asks too (every name at this node): automatic TLS, which waits
    // for a name to point here, issues at once, as it does on a laptop with no real DNS.
    ...(process.env.TLS_DNS_RESOLVERS ? {} : { TLS_DNS_RESOLVERS: acme.dnsAddress }),
  };
}

async function prepareTemporal(binary) {
  if (process.env.TEMPORAL_ADDRESS) {
    return { address: process.env.TEMPORAL_ADDRESS, binary, uiUrl: null };
  }
  await assertFree(PORTS.temporal, 'Temporal (set TEMPORAL_ADDRESS to use the server there)');
  const { address, uiUrl } = await startTemporal(group, {
    binary,
    dbFile: path.join(dataDir, 'temporal.sqlite'),
    port: PORTS.temporal,
    uiPort: PORTS.temporalUi,
    detached: true,
  });
  return { address, binary, uiUrl };
}

async function assertFree(port, forWhat) {
  if (await isListening(port)) throw new Error(`port ${port} for ${forWhat} is already in use`);
}

/**
 * Writes a new admin key (and the API's URL) to `.env` at once; returns a note on where the key is.
 * No new key: the platform had keys already, and `.env` has the one made then, or — when that
 * first start died before saving it — `npm run admin-key` mints another.
 */
function saveAdminKey(apiUrl, adminKey) {
  setDotEnv({ HOSTING_API_URL: apiUrl, ...(adminKey ? { HOSTING_API_KEY: adminKey } : {}) });
  const where = path.relative(process.cwd(), envFile) || envFile;
  if (adminKey) return `saved to ${where} as HOSTING_API_KEY; shown only this once`;
  if (readDotEnv().HOSTING_API_KEY) return `in ${where} (HOSTING_API_KEY)`;
  return yellow(`not in ${where}: run \`npm run admin-key\` to make a new one`);
}

function printSummary({ apiUrl, wsUrl, lbUrl, panelUrl, temporal, databaseUrl, adminKey, keyNote }) {
  const row = (label, value) => `  ${label.padEnd(16)}${value}`;
  const lines = [
    '',
    bold(green('Hostplane is running')),
    row('Control panel', `${panelUrl} (log in with the admin API key)`),
    row('Playground', `${panelUrl}/playground`),
    row('GraphQL (HTTP)', apiUrl),
    row('GraphQL (WS)', wsUrl),
    row('Sites (HAProxy)', `${lbUrl} (send the site's Host header)`),
    row('Temporal', temporal.address),
    ...(temporal.uiUrl ? [row('Temporal UI', temporal.uiUrl)] : []),
    row('PostgreSQL', databaseUrl.replace(/:[^:@/]+@/, ':***@')),
    row('Data', path.relative(process.cwd(), dataDir) || dataDir),
    row('Admin API key', adminKey ? bold(adminKey) : keyNote),
    ...(adminKey ? [row('', keyNote)] : []),
    '',
    'Press Ctrl-C to stop.',
    '',
  ];
  if (adminKey) lines.splice(1, 0, bold(yellow(`First run: your admin API key is ${adminKey}`)));
  process.stdout.write(`${lines.join('\n')}\n`);
}
