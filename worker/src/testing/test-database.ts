// A fresh, migrated PostgreSQL database per test file, dropped afterwards, so test files can run
// side by side against the machine's server.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('../../../server/', import.meta.url));

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `<prefix>_<random>` on the server of `adminUrl` and applies the committed migrations. */
export async function createTestDatabase(
  prefix: string,
  adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await onAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  const drop = () =>
    onAdmin(adminUrl, (c) =>
      c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`),
    ).then(() => undefined);
  try {
    const env = { ...process.env, DATABASE_URL: url.toString(), CHECKPOINT_DISABLE: '1' };
    await run('npx', ['prisma', 'migrate', 'deploy'], {
      cwd: serverDir,
      env: { ...env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), drop };
}
