import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import type { Logger } from 'pino';
import { NonRetryableError } from '@hostplane/contract/errors';
import { daemonSpawnOptions } from '../daemon-env.js';
import { stopLeftoverDaemon } from '../leftover-daemon.js';
import { CommandError, runCommand } from '../linux-users/run-command.js';

export interface SshdOptions {
  sshd: string;
  configFile: string;
  pidFile: string;
  logFile: string;
  address: string;
  port: number;
}

/** `sshd -t`: the config is checked before it goes live; a refusal is the config's fault (non-retryable). */
export async function checkSshdConfig(sshd: string, configFile: string): Promise<void> {
  try {
    await runCommand(sshd, ['-t', '-f', configFile]);
  } catch (error) {
    const detail = error instanceof CommandError ? error.stderr.trim() : String(error);
    throw new NonRetryableError('SshdConfigInvalid', `sshd -t refused ${configFile}: ${detail}`);
  }
}

const accepts = (address: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: address, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

/**
 * Runs the node's sshd in the foreground (`-D`) as the agent's child, from the daemon
 * environment (nothing of the agent's reaches a session), after `sshd -t`; resolves once it
 * accepts connections. The returned stop ends it (SIGTERM: listener gone, open sessions kept
 * until they end, as a restart of the system's sshd would).
 */
export async function startSshd(
  o: SshdOptions,
  logger: Logger,
): Promise<{ stop: () => Promise<void>; reload: () => Promise<void> }> {
  // sshd's privilege separation needs its empty chroot folder (the package's service makes it).
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await checkSshdConfig(o.sshd, o.configFile);
  await stopLeftoverDaemon({ name: 'sshd', pidFile: o.pidFile, marker: o.configFile }, logger);
  const child: ChildProcess = spawn(o.sshd, ['-D', '-f', o.configFile, '-E', o.logFile], {
    ...daemonSpawnOptions(),
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', (code, signal) => {
    exited = true;
    logger.warn({ code, signal }, 'sshd exited');
  });
  for (let i = 0; !(await accepts(o.address, o.port)); i++) {
    if (exited || i > 100) {
      child.kill('SIGKILL');
      const log = await readFile(o.logFile, 'utf8').catch(() => '');
      throw new Error(`sshd did not start on ${o.address}:${o.port}: ${log.trim().split('\n').slice(-3).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  logger.info({ address: o.address, port: o.port }, 'sshd listening');
  return {
    /** After `sshd -t` of the rewritten config: SIGHUP makes sshd re-exec with it (open sessions stay). */
    reload: async () => {
      await checkSshdConfig(o.sshd, o.configFile);
      child.kill('SIGHUP');
    },
    stop: async () => {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
