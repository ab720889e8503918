// The node's own Postfix master and Dovecot, children of the agent in the foreground, each on its
// own config; never the machine's postfix or dovecot services.
import { spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { connect } from 'node:net';
import type { Logger } from 'pino';
import { daemonSpawnOptions } from '../daemon-env.js';
import { runCommand } from '../linux-users/run-command.js';
import type { MailPaths } from './paths.js';

export interface RunningDaemon {
  stop: () => Promise<void>;
}

/** True when something accepts TCP connections on host:port. */
export const listening = (port: number, host: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * Starts a daemon in the foreground as the agent's child (output to `logFile`); resolves once it
 * accepts connections on `probe`. Its stop is SIGTERM, resolved when it exited.
 */
export async function spawnUntilListening(
  name: string,
  program: string,
  args: string[],
  probe: { host: string; port: number },
  logFile: string,
  logger: Logger,
): Promise<RunningDaemon & { signal: (signal: NodeJS.Signals) => void }> {
  const log = await open(logFile, 'a', 0o600);
  const child = spawn(program, args, { ...daemonSpawnOptions(), stdio: ['ignore', log.fd, log.fd] });
  await log.close();
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      logger.warn({ code, signal }, `${name} exited`);
      resolve();
    }),
  );
  for (let i = 0; !(await listening(probe.port, probe.host)); i++) {
    if (exited || i > 100) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not start (see ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    signal: (signal) => {
      if (!exited) child.kill(signal);
    },
    stop: async () => {
      if (!exited) child.kill('SIGTERM');
      await gone;
    },
  };
}

/** Dovecot in the foreground (`-F`); a Dovecot an earlier agent left on this config is stopped first. */
export async function startDovecot(
  paths: MailPaths,
  probe: { host: string; port: number },
  logger: Logger,
): Promise<RunningDaemon> {
  await runCommand('doveadm', ['-c', paths.dovecotConf, 'stop'], [0, 75, 89]).catch(() => undefined);
  const args = ['-F', '-c', paths.dovecotConf];
  return spawnUntilListening('dovecot', 'dovecot', args, probe, path.join(paths.logs, 'dovecot.out'), logger);
}

/**
 * Postfix's master itself in the foreground (`-d`), a child of the agent whose command line names
 * our config directory (so the test harness finds a leftover one); SIGTERM stops it and its children.
 */
export async function startPostfix(
  paths: MailPaths,
  masterProgram: string,
  probe: { host: string; port: number },
  logger: Logger,
): Promise<RunningDaemon> {
  // A master an earlier agent left running on this config (its lock is in our data directory).
  await runCommand('postfix', ['-c', paths.postfixConf, 'stop'], [0, 1]).catch(() => undefined);
  const args = ['-c', paths.postfixConf, '-d'];
  return spawnUntilListening('postfix', masterProgram, args, probe, path.join(paths.logs, 'postfix.out'), logger);
}

/** Makes a running master re-read main.cf, master.cf and every table (one per rollout). */
export const reloadPostfix = (paths: MailPaths) => runCommand('postfix', ['-c', paths.postfixConf, 'reload']);
