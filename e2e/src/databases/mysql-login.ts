import net from 'node:net';
import { createConnection, type Connection } from 'mysql2/promise';

/** MariaDB the local node's agent manages (the platform's DATABASE shards are on this node). */
const SERVER = { host: '127.0.0.1', port: 3306 };

/**
 * A client session as `user`, optionally from another loopback source address (127.0.0.2, …):
 * mysql2 ignores `localAddress`, so the socket is opened here.
 */
export function login(
  user: string,
  password: string,
  options: { database?: string; from?: string } = {},
): Promise<Connection> {
  const stream = options.from ? () => net.connect({ ...SERVER, localAddress: options.from }) : undefined;
  return createConnection({ ...SERVER, user, password, database: options.database, stream, connectTimeout: 5_000 });
}

/**
 * Refusals, by MariaDB error number: a wrong password or no such user (1045), the account dropped
 * while the login's handshake was under way (1698), no account for the client's host (1130), a
 * locked account — its tenant is suspended (4151, which mysql2 names after an unrelated MySQL code).
 */
const REFUSED = [1045, 1698, 1130, 4151];

/** Resolves true when `user` can log in (and closes the session), false when refused. */
export async function canLogin(user: string, password: string, from?: string): Promise<boolean> {
  try {
    const connection = await login(user, password, { from });
    await connection.end();
    return true;
  } catch (error) {
    if (REFUSED.includes((error as { errno?: number }).errno ?? 0)) return false;
    throw error;
  }
}

/** Polls until `canLogin` answers `expected` (account changes are applied by a workflow). */
export async function eventuallyLogin(user: string, password: string, expected: boolean, from?: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await canLogin(user, password, from)) !== expected) {
    if (Date.now() > deadline) throw new Error(`${user} login from ${from ?? '127.0.0.1'} did not become ${expected}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
