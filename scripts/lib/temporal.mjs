// Runs the Temporal dev server (SQLite-backed) as a service of a ProcessGroup. `npm start` keeps
// its state in `.data/` and its UI on 8233; tests use a temp file, free ports and no UI.
import { run } from './exec.mjs';
import { freePort } from './ports.mjs';

/**
 * Starts `temporal server start-dev` and resolves once the `default` namespace answers.
 * @returns {Promise<{ address: string, uiUrl: string | null }>}
 */
export async function startTemporal(group, { binary, dbFile, port, uiPort, logLevel = 'warn', detached = false }) {
  const grpcPort = port ?? (await freePort());
  const address = `127.0.0.1:${grpcPort}`;
  const args = ['server', 'start-dev', '--db-filename', dbFile, '--ip', '127.0.0.1'];
  args.push('--port', String(grpcPort), '--log-level', logLevel);
  args.push(...(uiPort ? ['--ui-port', String(uiPort)] : ['--headless']));
  await group.start('temporal', binary, args, {
    layer: 0, // stopped after the workers and the API that talk to it
    detached, // npm start: out of the terminal's Ctrl-C, so it outlives the workers' shutdown
    readyProbe: () => namespaceReady(binary, address),
    timeoutMs: 60_000,
  });
  return { address, uiUrl: uiPort ? `http://127.0.0.1:${uiPort}` : null };
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
