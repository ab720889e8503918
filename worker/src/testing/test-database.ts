// A fresh, migrated PostgreSQL database per test file, dropped afterwards, so test files can run
// side by side against the machine's server. Same set-up code as `npm test`'s shared database.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, migrateDeploy, withDatabase } from '@hostplane/scripts/lib';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates `<prefix>_<random>` on the server of `adminUrl` and applies the committed migrations. */
export async function createTestDatabase(
  prefix: string,
  adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres',
): Promise<TestDatabase> {
  const url = withDatabase(adminUrl, `${prefix}_${randomBytes(6).toString('hex')}`);
  const drop = () => dropDatabase(url);
  await ensureDatabase(url);
  try {
    await migrateDeploy(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}
