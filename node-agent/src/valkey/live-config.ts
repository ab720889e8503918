import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { renderAclFile } from './acl-file.js';
import { withAgentConnection } from './admin-connection.js';
import { ValkeyError, type ValkeyUserSpec } from '@hostplane/contract/data-stores';
import { writeFileIfChanged } from './files.js';
import type { InstancePaths, InstanceRecord } from './instance-files.js';

/** One instance as the agent reaches it: its files and the agent's password on it. */
export interface AgentTarget {
  name: string;
  paths: InstancePaths;
  password: string;
  owner?: { uid: number; gid: number };
}

/**
 * CONFIG SET for the settings that differ on the running server (one CONFIG SET: all or
 * nothing); true if any did. A value the server refuses is a non-retryable error.
 */
export function applyConfigLive(target: AgentTarget, record: InstanceRecord, bind: string[]) {
  const wanted: Record<string, string> = {
    port: String(record.port),
    bind: bind.join(' '),
    maxmemory: String(record.maxMemoryMb * 1024 * 1024),
    'maxmemory-policy': record.evictionPolicy,
    'sanitize-dump-payload': 'yes',
  };
  return withAgentConnection(target.paths.socket, target.password, async (client) => {
    const flat = (await client.call('CONFIG', 'GET', ...Object.keys(wanted))) as string[];
    const current = new Map<string, string | undefined>();
    for (let i = 0; i < flat.length; i += 2) current.set(flat[i] ?? '', flat[i + 1]);
    const changes = Object.entries(wanted).filter(([key, v]) => current.get(key) !== v);
    if (changes.length === 0) return false;
    await client.call('CONFIG', 'SET', ...changes.flat()).catch((error: Error) => {
      throw new ValkeyError('ValkeyConfigRejected', `${record.name} refused its config: ${error.message}`);
    });
    return true;
  });
}

/**
 * Writes the ACL file (default user off, the agent, `users`); on a running instance loads it
 * with ACL LOAD, putting the previous file back if the server refuses it, then closes the
 * connections of disabled users (`off` only refuses new AUTHs). True if it changed.
 */
export async function writeAcl(target: AgentTarget, users: ValkeyUserSpec[], live: boolean) {
  const { paths, password, owner, name } = target;
  const agentHash = createHash('sha256').update(password).digest('hex');
  const previous = await readFile(paths.acl, 'utf8').catch(() => null);
  const changed = await writeFileIfChanged(paths.acl, renderAclFile(agentHash, users), 0o640, owner);
  if (!changed || !live) return changed;
  try {
    await withAgentConnection(paths.socket, password, (c) => c.call('ACL', 'LOAD'));
  } catch (error) {
    if (previous !== null) await writeFileIfChanged(paths.acl, previous, 0o640, owner);
    const message = `${name} refused its users: ${(error as Error).message}`;
    throw /ERR|WRONGPASS|NOPERM/.test(message) ? new ValkeyError('ValkeyConfigRejected', message) : error;
  }
  const disabled = users.filter((user) => user.disabled);
  if (disabled.length > 0) {
    await withAgentConnection(paths.socket, password, async (c) => {
      for (const user of disabled) await c.call('CLIENT', 'KILL', 'USER', user.name);
    });
  }
  return true;
}
