import { readdir, readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';

const open: Redis[] = [];

/** Where a client connects: an instance's `endpoint` as the API gives it. */
export interface Endpoint {
  host: string;
  port: number;
}

/** An endpoint, or a port on the local node (127.0.0.1: shard local-valkey's node). */
export type Target = Endpoint | number;

const endpointOf = (at: Target): Endpoint => (typeof at === 'number' ? { host: '127.0.0.1', port: at } : at);

/**
 * A TCP client to the instance at `at`, connected; a refused AUTH rejects with the server's
 * error. No ready check (it sends INFO, which a narrow ACL forbids), no retries.
 */
export async function connect(target: Target, auth?: { username: string; password: string }): Promise<Redis> {
  const at = endpointOf(target);
  const client = new Redis({
    port: at.port,
    host: at.host,
    ...auth,
    lazyConnect: true,
    enableReadyCheck: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let lastError: Error | undefined;
  client.on('error', (error: Error) => (lastError = error));
  open.push(client);
  await client.connect().catch((error: Error) => {
    throw lastError ?? error;
  });
  return client;
}

export function disconnectAll(): void {
  for (const client of open.splice(0)) client.disconnect();
}

/** Pid of the redis-server listening at `at` (it names its address in its process title). */
export async function serverPid(target: Target): Promise<number | null> {
  const at = endpointOf(target);
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('redis-server') && cmdline.includes(`${at.host}:${at.port}`)) return Number(entry);
  }
  return null;
}

/** PING as `auth` until it answers or `timeoutMs` passes; returns how long it took. */
export async function pingUntilUp(
  target: Target,
  auth: { username: string; password: string },
  timeoutMs: number,
): Promise<number> {
  const at = endpointOf(target);
  const started = Date.now();
  for (;;) {
    const pong = await connect(at, auth)
      .then((c) => c.ping())
      .catch(() => null);
    if (pong === 'PONG') return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${at.host}:${at.port} did not answer within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The memory limit the running redis-server enforces, from `INFO memory` as `auth` (a user the
 * ACL grants `+info`): what is live, not what the API recorded.
 */
export async function liveMemoryLimit(
  at: Target,
  auth: { username: string; password: string },
): Promise<{ maxmemory: number; policy: string }> {
  const client = await connect(at, auth);
  const fields = new Map(
    (await client.info('memory'))
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] as const),
  );
  return { maxmemory: Number(fields.get('maxmemory')), policy: fields.get('maxmemory_policy') ?? '' };
}
