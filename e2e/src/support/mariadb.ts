import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { getPlatform } from '../harness/platform.js';

/** An admin account of a MariaDB server over TCP. */
export interface MariadbAdmin {
  host: string;
  port: number;
  user: string;
  password?: string;
}

/**
 * The admin account of the machine's MariaDB, the local node's, as its agent uses it (the
 * MYSQL_ADMIN_* defaults). The second data node's server is `getPlatform().secondDataNode.mariadb`.
 */
export const LOCAL_MARIADB: MariadbAdmin = {
  host: process.env.MYSQL_ADMIN_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_ADMIN_PORT ?? 3306),
  user: process.env.MYSQL_ADMIN_USER ?? 'root',
  password: process.env.MYSQL_ADMIN_PASSWORD,
};

/** Runs `run` on an admin session of `server` (default: the local node's MariaDB) and closes it. */
export async function withMariadb<T>(
  run: (session: Connection) => Promise<T>,
  server: MariadbAdmin = LOCAL_MARIADB,
): Promise<T> {
  const session = await createConnection(server);
  try {
    return await run(session);
  } finally {
    await session.end();
  }
}

/** The rows of an admin query on `server`. */
export function adminRows(
  sql: string,
  values: unknown[] = [],
  server: MariadbAdmin = LOCAL_MARIADB,
): Promise<RowDataPacket[]> {
  return withMariadb(async (session) => (await session.query<RowDataPacket[]>(sql, values))[0], server);
}

/** Whether `server` has a database called `name`. */
export async function hasDatabase(name: string, server: MariadbAdmin = LOCAL_MARIADB): Promise<boolean> {
  const rows = await adminRows('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name], server);
  return rows.length > 0;
}

/**
 * What MariaDB grants `user` — one account per allowed host — as the distinct `SHOW GRANTS`
 * lines of its accounts without the grantee, e.g. ['GRANT SELECT, SHOW VIEW ON `db\_x`.*'].
 * The USAGE line is left out: it carries the password hash. Empty when no account exists.
 */
export function grantsOf(user: string, server: MariadbAdmin = LOCAL_MARIADB): Promise<string[]> {
  return withMariadb(async (session) => {
    const [accounts] = await session.query<RowDataPacket[]>('SELECT Host AS host FROM mysql.user WHERE User = ?', [
      user,
    ]);
    const lines = new Set<string>();
    for (const { host } of accounts) {
      const [rows] = await session.query<RowDataPacket[]>('SHOW GRANTS FOR ?@?', [user, host]);
      for (const row of rows) {
        const line = String(Object.values(row)[0]).replace(/ TO .*$/, '');
        if (!line.startsWith('GRANT USAGE ON *.*')) lines.add(line);
      }
    }
    return [...lines].sort();
  }, server);
}

/**
 * The admin account of the server at a database's `endpoint`: automatic placement may put a
 * database on either data node of the test platform (the least loaded shard).
 */
export function mariadbAt(endpoint: { host: string }): MariadbAdmin {
  const second = getPlatform().secondDataNode;
  return endpoint.host === second.address ? second.mariadb : LOCAL_MARIADB;
}
