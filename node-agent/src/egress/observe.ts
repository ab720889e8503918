import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';
import { TENANT_NAME_PATTERN } from '../linux-users/tenant-user.manager.js';
import { WEBROOT_FILE } from '../webroots/generations.js';

/**
 * UIDs of this agent's tenants: accounts named like tenants whose home is in the agent's home
 * root. Another agent on the same machine (its own home root) keeps its tenants to itself.
 */
export async function listTenantUids(homeRoot: string): Promise<Map<string, number>> {
  const { stdout } = await runCommand('getent', ['passwd']);
  const root = path.resolve(homeRoot);
  const uids = new Map<string, number>();
  for (const line of stdout.split('\n')) {
    const [name = '', , uid, , , home = ''] = line.split(':');
    if (TENANT_NAME_PATTERN.test(name) && home === path.join(root, name)) uids.set(name, Number(uid));
  }
  return uids;
}

const PROGRAM_USER = /^user=(t_[a-z0-9]{10})$/m;
const PROGRAM_PORT = /^environment=(?:.*,)?PORT="(\d+)"/m;

/**
 * The app port of each live supervisord program (apps/render.ts writes `user=` and the
 * `PORT` variable the platform allocated), by its tenant's UID: a tenant may reach its own app
 * over loopback, never another tenant's.
 */
export async function listOwnAppPorts(
  programsDir: string,
  tenantUids: ReadonlyMap<string, number>,
): Promise<Array<{ uid: number; port: number }>> {
  const files = (await readdir(programsDir).catch(() => [] as string[])).filter((f) => WEBROOT_FILE.test(f));
  const texts = await Promise.all(files.map((f) => readFile(path.join(programsDir, f), 'utf8').catch(() => '')));
  return texts.flatMap((text) => {
    const uid = tenantUids.get(PROGRAM_USER.exec(text)?.[1] ?? '');
    const port = Number(PROGRAM_PORT.exec(text)?.[1]);
    return uid !== undefined && Number.isInteger(port) && port > 0 ? [{ uid, port }] : [];
  });
}
