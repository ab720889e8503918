import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { daemonSpawnOptions } from '../daemon-env.js';
import { renderSupervisordConf } from '../supervisor/render.js';
import { SupervisorClient } from './supervisor-client.js';

/** supervisord.conf of a private supervisord in `dir`: its socket, logs and the program folder it includes. */
export function renderSupervisordConfig(dir: string): string {
  return renderSupervisordConf({
    socket: path.join(dir, 'supervisor.sock'),
    pidFile: path.join(dir, 'supervisord.pid'),
    logFile: path.join(dir, 'supervisord.log'),
    childLogDir: dir,
    programsDir: path.join(dir, 'programs'),
    nodaemon: true, // the agent's child: stop() ends it
    minfds: 1024, // supervisord's default
  });
}

/**
 * Starts a supervisord of its own in `dir` (tests, a laptop's `npm start`; production nodes run
 * the system one) and returns a client for it. `stop()` ends supervisord, which stops its programs.
 */
export async function startPrivateSupervisord(dir: string, supervisordPath = 'supervisord') {
  const programDir = path.join(dir, 'programs');
  await mkdir(programDir, { recursive: true });
  const configPath = path.join(dir, 'supervisord.conf');
  await writeFile(configPath, renderSupervisordConfig(dir));
  // Its instances inherit its environment: the daemon one, never the agent's.
  const child = spawn(supervisordPath, ['-c', configPath], { stdio: 'ignore', ...daemonSpawnOptions() });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const client = new SupervisorClient({ configPath, programDir });
  for (let i = 0; (await client.status('probe').catch(() => undefined)) === undefined; i++) {
    if (i > 100 || child.exitCode !== null) throw new Error('supervisord did not start');
    await sleep(50);
  }
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { client, configPath, programDir, stop };
}
