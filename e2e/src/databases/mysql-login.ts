import net from 'node:net';
import { createConnection, type Connection } from 'mysql2/promise';
import { adminRows, LOCAL_MARIADB, type MariadbAdmin } from '../support/mariadb.js';

/** Where a client connects: a database's `endpoint` as the API gives it. */
export interface Endpoint {
  host: string;
  port: number;
}

/** The local node's MariaDB, which serves shard `local-db` (the API's endpoint of its databases). */
const LOCAL_SERVER: Endpoint = { host: '127.0.0.1', port: 3306 };

/**
 * A client session as `user` at `at` (default: the local node's server), optionally from another
 * loopback source address (127.0.0.2, …): mysql2 ignores `localAddress`, so the socket is opened here.
 */
export function login(
  user: string,
  password: string,
  options: { database?: string; from?: string; at?: Endpoint } = {},
): Promise<Connection> {
  const server = options.at ?? LOCAL_SERVER;
  const stream = options.from ? () => net.connect({ ...server, localAddress: options.from }) : undefined;
  return createConnection({ ...server, user, password, database: options.database, stream, connectTimeout: 5_000 });
}

/** How a login ended: in, or the refusal MariaDB answered, named so a test states which one it expects. */
export type LoginOutcome = 'OK' | 'ACCESS_DENIED' | 'HOST_NOT_ALLOWED' | 'ACCOUNT_LOCKED';

/**
 * Refusals, by MariaDB error number: a wrong password or no such user (1045, or 1698 — MariaDB
 * answers a user it does not know with either, depending on the auth plugin exchange; seen both
 * for the same dropped user), no account at all for the client's host (1130), a locked account —
 * its tenant is suspended (4151, which mysql2 names after an unrelated MySQL code). Anything else
 * is not a refusal and fails the test as it is. A test that means "dropped" also checks that no
 * account is left (`accountsOf`).
 */
const REFUSALS: Record<number, LoginOutcome> = {
  1045: 'ACCESS_DENIED',
  1698: 'ACCESS_DENIED',
  1130: 'HOST_NOT_ALLOWED',
  4151: 'ACCOUNT_LOCKED',
};

/** Logs in as `user` at `at` (and closes the session): OK, or which refusal MariaDB gave. */
export async function tryLogin(user: string, password: string, from?: string, at?: Endpoint): Promise<LoginOutcome> {
  try {
    const connection = await login(user, password, { from, at });
    await connection.end();
    return 'OK';
  } catch (error) {
    const refusal = REFUSALS[(error as { errno?: number }).errno ?? 0];
    if (refusal) return refusal;
    throw error;
  }
}

/** Polls until `tryLogin` answers `expected` at `at` (account changes are applied by a workflow). */
export async function eventuallyLogin(
  user: string,
  password: string,
  expected: LoginOutcome,
  from?: string,
  at?: Endpoint,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let last: LoginOutcome;
  while ((last = await tryLogin(user, password, from, at)) !== expected) {
    if (Date.now() > deadline) {
      throw new Error(`${user} login from ${from ?? '127.0.0.1'}: expected ${expected}, still ${last}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The hosts `server` has an account `user` for (one per allowed host); empty once it is dropped. */
export async function accountsOf(user: string, server: MariadbAdmin = LOCAL_MARIADB): Promise<string[]> {
  const rows = await adminRows('SELECT Host AS host FROM mysql.user WHERE User = ? ORDER BY Host', [user], server);
  return rows.map((r) => String(r.host));
}
