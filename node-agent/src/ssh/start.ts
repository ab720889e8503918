import { chmod, mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { SshActivities } from '@hostplane/contract/ssh';
import type { NodeAgentConfig } from '../config.js';
import { webStateDirOf } from '../webroots/config.js';
import { createSshActivities } from './activities.js';
import { ensureHostKeys, hostKeyFingerprints } from './host-keys.js';
import { KeyFiles } from './key-files.js';
import { SftpJails } from './sftp-jails.js';
import { renderSshdConfig } from './sshd-config.js';
import { startSshd } from './sshd.js';

/**
 * The SSH folder: HOSTPLANE_SSH_DIR, else `ssh/` in the web state folder (npm start, tests:
 * tenants must traverse it, as nginx does, since sshd reads a tenant's key file as the tenant),
 * else /etc/hostplane/ssh on a production node.
 */
export function sshDirOf(config: NodeAgentConfig): string {
  if (config.HOSTPLANE_SSH_DIR) return config.HOSTPLANE_SSH_DIR;
  const web = webStateDirOf(config);
  return web ? path.join(web, 'ssh') : '/etc/hostplane/ssh';
}

/** SFTP jails: root-owned all the way down, so never under /tmp (tests) nor the clone (npm start). */
export function sftpJailRootOf(config: NodeAgentConfig): string {
  return config.HOSTPLANE_SFTP_JAIL_DIR ?? path.join('/var/lib/hostplane-sftp', config.NODE_ID);
}

function parseListen(listen: string): { address: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { address: listen.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(listen.slice(at + 1)) };
}

const unavailable = (reason: string): SshActivities => {
  const fail = async (): Promise<never> => {
    throw new NonRetryableError(CAPABILITY_MISSING, reason);
  };
  return { ensureTenantSshKeys: fail, removeTenantSshKeys: fail, convergeSshKeys: fail };
};

/**
 * Starts this node's own sshd (never the machine's): config, host keys and key files under the
 * SSH folder, listening on HOSTPLANE_SSH_LISTEN. Without that setting, or without sshd, the node
 * serves no SSH and its SSH activities fail as CapabilityMissing (a missing program never stops
 * the agent).
 */
export async function startSsh(config: NodeAgentConfig, logger: Logger) {
  const none = {
    activities: unavailable('SSH is not enabled on this node (HOSTPLANE_SSH_LISTEN)'),
    close: async () => {},
  };
  if (!config.HOSTPLANE_SSH_LISTEN) return none;
  const sshd = config.HOSTPLANE_SSHD_PATH;
  const { address, port } = parseListen(config.HOSTPLANE_SSH_LISTEN);
  const dir = sshDirOf(config);
  const hostKeyDir = path.join(dir, 'host-keys');
  const keysDir = path.join(dir, 'authorized-keys');
  await mkdir(dir, { recursive: true, mode: 0o711 });
  await mkdir(hostKeyDir, { recursive: true, mode: 0o700 });
  await mkdir(keysDir, { recursive: true, mode: 0o711 });
  // Explicit: mkdir's mode is masked by umask, and a folder an earlier run made may differ.
  await Promise.all([chmod(dir, 0o711), chmod(hostKeyDir, 0o700), chmod(keysDir, 0o711)]);
  try {
    const hostKeyFiles = await ensureHostKeys(hostKeyDir);
    const configFile = path.join(dir, 'sshd_config');
    const jails = new SftpJails(sftpJailRootOf(config), config.HOSTPLANE_HOME_ROOT);
    // SFTP-only accounts, kept across restarts (the Match block of the config is rendered from it).
    const sftpFile = path.join(dir, 'sftp-only');
    const sftpOnly = new Set((await readFile(sftpFile, 'utf8').catch(() => '')).split('\n').filter(Boolean));
    const writeConfig = async () => {
      const accounts = [...sftpOnly].sort();
      await writeFile(sftpFile, accounts.map((a) => `${a}\n`).join(''), { mode: 0o600 });
      await writeFile(
        configFile,
        renderSshdConfig({
          address,
          port,
          hostKeyFiles,
          pidFile: path.join(dir, 'sshd.pid'),
          authorizedKeysDir: keysDir,
          sftpOnly: accounts,
          sftpJailRoot: jails.root,
        }),
        { mode: 0o600 },
      );
    };
    for (const account of sftpOnly) await jails.ensure(account);
    await writeConfig();
    const server = await startSshd(
      { sshd, configFile, pidFile: path.join(dir, 'sshd.pid'), logFile: path.join(dir, 'sshd.log'), address, port },
      logger,
    );
    const endpoint = {
      address: config.HOSTPLANE_SSH_PUBLIC_ADDRESS ?? address,
      port,
      hostKeys: await hostKeyFingerprints(hostKeyFiles),
    };
    const access = {
      accounts: () => [...sftpOnly],
      set: async (account: string, only: boolean) => {
        if (only === sftpOnly.has(account)) return only ? jails.ensure(account) : false;
        if (only) {
          await jails.ensure(account);
          sftpOnly.add(account);
        } else sftpOnly.delete(account);
        await writeConfig();
        await server.reload();
        if (!only) await jails.remove(account);
        return true;
      },
    };
    const close = async () => {
      await server.stop();
      // Like the web services: only an agent that owns its node's lifetime (tests, npm start) unmounts.
      if (!config.HOSTPLANE_WEB_STOP_ON_EXIT) return;
      for (const account of sftpOnly) await jails.remove(account);
      await rmdir(jails.root).catch(() => undefined); // the node's folder, when no jail is left in it
    };
    return { activities: createSshActivities(new KeyFiles(keysDir), access, endpoint, logger), close };
  } catch (error) {
    logger.error({ err: error, sshd }, 'sshd not started: SSH unavailable on this node (package openssh-server?)');
    return { ...none, activities: unavailable(`sshd could not start: ${(error as Error).message}`) };
  }
}
