import { readdir, readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';

const open: Redis[] = [];

/**
 * A TCP client to an instance on the local node, connected; a refused AUTH rejects with the
 * server's error. No ready check (it sends INFO, which a narrow ACL forbids), no retries.
 */
export async function connect(port: number, auth?: { username: string; password: string }): Promise<Redis> {
  const client = new Redis({
    port,
    host: '127.0.0.1',
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

/** Pid of the redis-server listening on `port` (it names its address in its process title). */
export async function serverPid(port: number): Promise<number | null> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes('redis-server') && cmdline.includes(`:${port}`)) return Number(entry);
  }
  return null;
}

/** PING as `auth` until it answers or `timeoutMs` passes; returns how long it took. */
export async function pingUntilUp(
  port: number,
  auth: { username: string; password: string },
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const pong = await connect(port, auth)
      .then((c) => c.ping())
      .catch(() => null);
    if (pong === 'PONG') return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`port ${port} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The memory limit the running redis-server enforces, from `INFO memory` as `auth` (a user the
 * ACL grants `+info`): what is live, not what the API recorded.
 */
export async function liveMemoryLimit(
  port: number,
  auth: { username: string; password: string },
): Promise<{ maxmemory: number; policy: string }> {
  const client = await connect(port, auth);
  const fields = new Map(
    (await client.info('memory'))
      .split(/\r?\n/)
      .filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] as const),
  );
  return { maxmemory: Number(fields.get('maxmemory')), policy: fields.get('maxmemory_policy') ?? '' };
}
