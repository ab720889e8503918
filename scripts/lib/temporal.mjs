// Runs the Temporal dev server (SQLite-backed) as a service of a ProcessGroup. `npm start` keeps
// its state in `.data/` and its UI on 8233; tests use a temp file, free ports and no UI.
import { chmodSync, existsSync } from 'node:fs';
import { run } from './exec.mjs';
import { freePort } from './ports.mjs';

/**
 * Starts `temporal server start-dev` and resolves once the `default` namespace answers.
 * @returns {Promise<{ address: string, uiUrl: string | null }>}
 */
export async function startTemporal(group, { binary, dbFile, port, uiPort, logLevel = 'warn', detached = false }) {
  keepPrivate(dbFile);
  const grpcPort = port ?? (await freePort());
  const address = `127.0.0.1:${grpcPort}`;
  const args = ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1'];
  args.push('--port', String(grpcPort), '--log-level', logLevel);
  args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
  // Spawned under umask 077, so the SQLite file and its -wal/-shm come into being 0600 (an
  // empty file made beforehand would not do: the dev server takes it for an initialised one).
  // start() spawns synchronously: the narrow umask covers that one spawn only.
  const umask = process.umask(0o077);
  let started;
  try {
    started = group.start('temporal', binary, args, {
      layer: 0, // stopped after the workers and the API that talk to it
      detached, // npm start: out of the terminal's Ctrl-C, so it outlives the workers' shutdown
      readyProbe: () => namespaceReady(binary, address),
      timeoutMs: 60_000,
    });
  } finally {
    process.umask(umask);
  }
  await started;
  return { address, uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : null };
}

/**
 * The SQLite file holds every workflow's history (inputs, results, errors): only its owner may
 * read it, whichever folder it sits in (the data folder must stay passable for tenants to reach
 * their homes). New files are made 0600 by Temporal's umask (see startTemporal); those of an
 * earlier, wider start are narrowed here.
 */
function keepPrivate(dbFile) {
  for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/** The frontend accepts connections a moment before `default` exists; wait for the namespace. */
function namespaceReady(binary, address) {
  return run(binary, ['operator', 'namespace', 'describe', '-n', 'default', '--address', address], {
    quiet: true,
  }).then(() => true);
}

/** True when some worker polls `taskQueue` (how we know a worker or node agent is really up). */
export async function hasPollers(binary, address, taskQueue) {
  const json = await run(
    binary,
    ['task-queue', 'describe', '--task-queue', taskQueue, '--address', address, '-o', 'json'],
    { quiet: true },
  );
  return (JSON.parse(json).pollers ?? []).length > 0;
}
