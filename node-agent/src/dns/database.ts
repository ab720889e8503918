// PowerDNS's own PostgreSQL database: created (with the gpgsql schema) when missing. Through
// `psql` with the connection in its environment (never on a command line others can read).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PgConnection {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function parseDatabaseUrl(url: string): PgConnection {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]{1,63}$/.test(database))
    throw new Error(`PowerDNS database name "${database}" must be [A-Za-z0-9_]`);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database,
  };
}

function psql(c: PgConnection, database: string, args: string[]) {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    PGHOST: c.host,
    PGPORT: String(c.port),
    PGUSER: c.user,
    PGPASSWORD: c.password,
    PGDATABASE: database,
  };
  return run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...args], { env, timeout: 60_000 });
}

/** The database and its tables, made when missing; true when anything was made. */
export async function ensurePdnsDatabase(c: PgConnection, schemaFile: string): Promise<boolean> {
  const exists = await psql(c, 'postgres', ['-c', `SELECT 1 FROM pg_database WHERE datname = '${c.database}'`]);
  let made = false;
  if (exists.stdout.trim() !== '1') {
    await psql(c, 'postgres', ['-c', `CREATE DATABASE "${c.database}"`]);
    made = true;
  }
  const tables = await psql(c, c.database, ['-c', `SELECT to_regclass('public.domains') IS NOT NULL`]);
  if (tables.stdout.trim() !== 't') {
    await psql(c, c.database, ['-f', schemaFile]);
    made = true;
  }
  return made;
}
