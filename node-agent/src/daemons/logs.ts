import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** `<webroot>_<daemon>.<process>.log`, and supervisord's rotated `….log.<k>`: nothing else in the folder. */
const DAEMON_LOG = /^(web_[a-z0-9]{10})_[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?\.\d\.log(?:\.\d+)?$/;

/**
 * Removes the daemon logs of every webroot `gone` says is gone (their processes are stopped: the
 * program file went with the webroot). Logs may hold what a daemon printed of its secrets, so
 * they do not outlive their webroot. The folder is root's alone: no name in it is a tenant's link.
 */
export async function removeDaemonLogs(logDir: string, gone: (webroot: string) => boolean): Promise<void> {
  const names = await readdir(logDir).catch(() => [] as string[]);
  for (const name of names) {
    const webroot = DAEMON_LOG.exec(name)?.[1];
    if (webroot && gone(webroot)) await rm(path.join(logDir, name), { force: true });
  }
}
