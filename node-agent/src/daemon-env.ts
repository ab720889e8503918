import { execFile } from 'node:child_process';
import { CommandError, type CommandResult } from './linux-users/run-command.js';

/**
 * The environment every daemon the agent starts (supervisord, nginx, php-fpm, HAProxy) gets,
 * instead of the agent's own: daemons hand theirs down to tenant processes (supervisord's
 * programs inherit it whole), and the agent's holds platform secrets (HOSTPLANE_PAYLOAD_KEY),
 * control-plane addresses, npm/CI variables and a PWD in the agent's checkout that a tenant's
 * app server may stat (puma does, and dies with EACCES when that folder is root-only).
 */
export const DAEMON_ENV: Readonly<Record<string, string>> = Object.freeze({
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  LANG: 'C.UTF-8',
});

/** Spawn options of a daemon: the environment above and `/` as working folder (nothing of the agent's). */
export const daemonSpawnOptions = () => ({ env: { ...DAEMON_ENV }, cwd: '/' });

/**
 * Runs a daemon's launcher (`nginx`, `php-fpm -y`, `haproxy -D`, `supervisord`: each forks the
 * daemon and exits) with the daemon environment; argument array, no shell. Resolves once the
 * launcher exited 0, else rejects with a CommandError.
 */
export function startDaemon(command: string, args: readonly string[]): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      [...args],
      { ...daemonSpawnOptions(), timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr });
        const exitCode = typeof error.code === 'number' ? error.code : null;
        reject(new CommandError(command, args, exitCode, stderr || error.message));
      },
    );
  });
}
