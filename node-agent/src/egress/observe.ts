import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';
import { TENANT_NAME_PATTERN } from '../linux-users/tenant-user.manager.js';

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
