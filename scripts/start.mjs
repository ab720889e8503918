// `npm start`: install and build what is missing, then run the whole platform in the foreground —
// PostgreSQL (embedded unless DATABASE_URL is set), the Temporal dev server (unless
// TEMPORAL_ADDRESS is set), the API, the worker and a local node agent. State lives in `.data/`
// and survives restarts. Ctrl-C stops everything. Only Node built-ins are imported up front: this
// file runs before `npm install` on a fresh clone.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from './lib/build.mjs';
import { ensureDatabase, migrateDeploy, startEmbeddedPostgres, withDatabase } from './lib/database.mjs';
import { ensureDeps } from './lib/ensure-deps.mjs';
import { ensureTemporal } from './lib/ensure-temporal.mjs';
import { bold, green, info, red, step, warn, yellow } from './lib/log.mjs';
import { dataDir, repoRoot } from './lib/paths.mjs';
import { payloadKeyIn } from './lib/payload-key.mjs';
import { bootstrap, startPlatformProcesses } from './lib/platform.mjs';
import { isListening } from './lib/ports.mjs';
import { onShutdownSignal, ProcessGroup } from './lib/processes.mjs';
import { startTemporal } from './lib/temporal.mjs';
import { startWeb } from './lib/web.mjs';

/** Fixed local ports; 54329 rather than 5432 because the machine's own PostgreSQL may be there. */
const PORTS = {
  postgres: 54329,
  temporal: Number(process.env.TEMPORAL_PORT ?? 7233),
  temporalUi: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
  api: Number(process.env.API_PORT ?? 4000),
  /** HAProxy of the local node: the sites' front door (LB shard `local-lb`). */
  lb: Number(process.env.LB_PORT ?? 8080),
  /** nginx of the local node, behind HAProxy (WEB shard `local-web`). */
  web: Number(process.env.WEB_PORT ?? 8081),
  /** The Next.js control panel (web/), which also serves the GraphQL playground. */
  panel: Number(process.env.PANEL_PORT ?? 3000),
};

const group = new ProcessGroup({ pidDir: path.join(dataDir, 'run') });
let embeddedPostgres = null;
let stopping = false;

async function shutdown(exitCode) {
  if (stopping) return;
  stopping = true;
  info('stopping…');
  await group.stopAll(); // API, worker and agent first, then Temporal
  await embeddedPostgres?.stop(); // last: everything above may still write on its way out
  process.exit(exitCode);
}

onShutdownSignal(() => void shutdown(0));
group.onCrash = (service, reason) => {
  process.stderr.write(`\n${red(`${service.name} exited (${reason})`)}; last lines:\n${group.tail(service.name)}\n`);
  void shutdown(1);
};

try {
  mkdirSync(dataDir, { recursive: true });
  // The Go build of Temporal (first run only) and npm install + tsc do not depend on each other.
  const [temporalBinary] = await Promise.all([ensureTemporal(), ensureDeps().then(build)]);
  const reaped = await group.reapStale();
  if (reaped.length) warn(`stopped processes left running by an earlier start: ${reaped.join(', ')}`);

  const databaseUrl = await step('PostgreSQL + migrations', prepareDatabase);
  const temporal = await step('Temporal', () => prepareTemporal(temporalBinary));
  const boot = await step('bootstrap', () => bootstrap(databaseUrl));
  const homeRoot = path.join(dataDir, 'homes');
  mkdirSync(homeRoot, { recursive: true });
  await assertFree(PORTS.api, 'the API (set API_PORT to use another)');
  await assertFree(PORTS.lb, 'the load balancer (set LB_PORT to use another)');
  await assertFree(PORTS.web, 'nginx (set WEB_PORT to use another)');
  await assertFree(PORTS.panel, 'the control panel (set PANEL_PORT to use another)');
  const { apiUrl, wsUrl, lbUrl } = await step('API, worker and node agent', () =>
    startPlatformProcesses(group, {
      databaseUrl,
      temporal,
      nodeId: boot.nodeId,
      homeRoot,
      apiPort: PORTS.api,
      lbPort: PORTS.lb,
      webPort: PORTS.web,
      logLevel: process.env.LOG_LEVEL ?? 'info',
      payloadKey: payloadKeyIn(path.join(dataDir, 'payload.key')),
    }),
  );
  const panelUrl = await step('control panel', () => startWeb(group, { apiUrl, port: PORTS.panel }));

  const keyNote = writeDotEnv(apiUrl, boot.adminKey);
  printSummary({ apiUrl, wsUrl, lbUrl, panelUrl, temporal, databaseUrl, adminKey: boot.adminKey, keyNote });
} catch (error) {
  process.stderr.write(`\n${red('npm start failed:')} ${error instanceof Error ? error.message : error}\n`);
  await shutdown(1);
}

async function prepareDatabase() {
  let url = process.env.DATABASE_URL;
  if (!url) {
    const log = group.writer('postgres');
    embeddedPostgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: PORTS.postgres,
      onLog: (text) => String(text).trimEnd().split('\n').forEach(log),
    });
    url = withDatabase(embeddedPostgres.url, 'hostplane');
  }
  await ensureDatabase(url);
  await migrateDeploy(url);
  return url;
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
  });
  return { address, binary, uiUrl };
}

async function assertFree(port, forWhat) {
  if (await isListening(port)) throw new Error(`port ${port} for ${forWhat} is already in use`);
}

/**
 * Keeps HOSTING_API_URL (and, on first run, HOSTING_API_KEY) in `.env` for `npx hostctl`; other
 * lines a developer added are kept. Returns a note on where the admin key is.
 */
function writeDotEnv(apiUrl, adminKey) {
  const file = path.join(repoRoot, '.env');
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
  const set = (key, value) => {
    const index = lines.findIndex((line) => line.startsWith(`${key}=`));
    if (index === -1) lines.push(`${key}=${value}`);
    else lines[index] = `${key}=${value}`;
  };
  set('HOSTING_API_URL', apiUrl);
  if (adminKey) set('HOSTING_API_KEY', adminKey);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  if (adminKey) return 'saved to .env as HOSTING_API_KEY; shown only this once';
  if (lines.some((line) => line.startsWith('HOSTING_API_KEY='))) return 'in .env (HOSTING_API_KEY)';
  return yellow('not in .env: the database already had keys. Delete .data/ to start afresh.');
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
