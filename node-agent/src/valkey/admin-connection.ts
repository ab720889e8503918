import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AGENT_ACL_USER } from './acl-file.js';

/**
 * The agent's password on instance `name`: derived from the node's admin secret, so it is never
 * stored anywhere (the ACL file holds only its SHA-256) and differs per instance.
 */
export function agentPassword(adminSecret: string, name: string): string {
  return createHmac('sha256', adminSecret).update(`valkey-agent:${name}`).digest('hex');
}

/**
 * Runs `use` with a connection as the agent's user over the instance's Unix socket. No retries
 * or offline queue: a down instance fails fast and the caller decides.
 */
export async function withAgentConnection<T>(
  socketPath: string,
  password: string,
  use: (client: Redis) => Promise<T>,
): Promise<T> {
  const client = new Redis({
    path: socketPath,
    username: AGENT_ACL_USER,
    password,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  client.on('error', () => undefined); // surfaced through the failing command instead
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

/** Polls PING as the agent until the instance answers (it has loaded its data) or time is up. */
export async function waitUntilAnswering(socketPath: string, password: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const pong = await withAgentConnection(socketPath, password, (c) => c.ping()).catch(() => null);
    if (pong === 'PONG') return true;
    await sleep(100);
  }
  return false;
}

/** `INFO <section>` as a map. */
export async function info(client: Redis, section: string): Promise<Map<string, string>> {
  const text = await client.info(section);
  const pairs = text.split(/\r?\n/).filter((l) => l.includes(':') && !l.startsWith('#'));
  return new Map(pairs.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
}
