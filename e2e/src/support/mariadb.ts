import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/** The admin account of the machine's MariaDB, as the node agent uses it (its MYSQL_ADMIN_* defaults). */
const MARIADB_ADMIN = {
  host: process.env.MYSQL_ADMIN_HOST ?? '127.0.0.1',
  port: Number(process.env.MYSQL_ADMIN_PORT ?? 3306),
  user: process.env.MYSQL_ADMIN_USER ?? 'root',
  password: process.env.MYSQL_ADMIN_PASSWORD,
};

/** Runs `run` on an admin session of the local MariaDB and closes it. */
export async function withMariadb<T>(run: (session: Connection) => Promise<T>): Promise<T> {
  const session = await createConnection(MARIADB_ADMIN);
  try {
    return await run(session);
  } finally {
    await session.end();
  }
}

/** The rows of an admin query. */
export function adminRows(sql: string, values: unknown[] = []): Promise<RowDataPacket[]> {
  return withMariadb(async (session) => (await session.query<RowDataPacket[]>(sql, values))[0]);
}
