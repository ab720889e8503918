// The local node's MariaDB is the machine's own and outlives every run. Whatever a run's databases
// and users created there is dropped at its teardown, by the names the run's own control-plane
// database recorded, so runs (and the benchmark's hundreds of databases) do not pile up in it.
import type { RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import { withMariadb } from '../support/mariadb.js';

export async function dropMariadbObjectsOf(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let databases: string[];
  let users: string[];
  try {
    const names = async (table: string) =>
      (await client.query<{ name: string }>(`SELECT name FROM "${table}"`)).rows.map((row) => row.name);
    [databases, users] = [await names('Database'), await names('DatabaseUser')];
  } finally {
    await client.end();
  }
  if (databases.length === 0 && users.length === 0) return;
  await withMariadb(async (mariadb) => {
    for (const name of databases) await mariadb.query(`DROP DATABASE IF EXISTS ${mariadb.escapeId(name)}`);
    if (users.length > 0) {
      const [accounts] = await mariadb.query<RowDataPacket[]>(
        'SELECT User AS user, Host AS host FROM mysql.user WHERE User IN (?)',
        [users],
      );
      for (const { user, host } of accounts) await mariadb.query('DROP USER IF EXISTS ?@?', [user, host]);
    }
  });
}
