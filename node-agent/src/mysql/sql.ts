import { createPool } from 'mysql2/promise';

/** How the node agent reaches its MariaDB server as an administrator. */
export interface MysqlConnectionOptions {
  /** TCP host; ignored when `socketPath` is set. */
  host?: string;
  port?: number;
  /** Unix socket (`/run/mysqld/mysqld.sock` on a production node). */
  socketPath?: string;
  user: string;
  password?: string;
}

/**
 * A failed statement, carrying the server's code and message but not the statement: user
 * statements contain password hashes, and mysql2 errors would otherwise carry them (`err.sql`)
 * into logs and workflow histories.
 */
export class MysqlQueryError extends Error {
  override readonly name = 'MysqlQueryError';
  constructor(
    readonly code: string,
    readonly errno: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type Row = Record<string, unknown>;
/** Runs one statement; `?` values and `??` identifiers are escaped by mysql2 on the client. */
export type Sql = (statement: string, values?: unknown[]) => Promise<Row[]>;

/** A small admin connection pool behind the `Sql` function, plus its `close`. */
export function createSql(connection: MysqlConnectionOptions): {
  sql: Sql;
  close: () => Promise<void>;
} {
  const pool = createPool({
    ...connection,
    connectionLimit: 4,
    // Client-side escaping only (`query`, never `execute`): DDL and account statements cannot
    // be prepared server-side, and one statement per call keeps injection out of reach.
    multipleStatements: false,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  const sql: Sql = async (statement, values) => {
    try {
      const [rows] = await pool.query(statement, values);
      return Array.isArray(rows) ? (rows as Row[]) : [];
    } catch (error) {
      const e = error as { code?: string; errno?: number; sqlMessage?: string; message?: string };
      throw new MysqlQueryError(e.code ?? 'UNKNOWN', e.errno, e.sqlMessage ?? e.message ?? 'query failed');
    }
  };
  return { sql, close: () => pool.end() };
}
