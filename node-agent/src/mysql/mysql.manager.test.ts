import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { createConnection } from 'mysql2/promise';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabaseActivities } from './activities.js';
import { DatabaseError, type DatabaseUserSpec } from '@hostplane/contract/data-stores';
import { MysqlManager } from './mysql.manager.js';
import { mysqlNativePasswordHash } from '@hostplane/contract/data-stores/validate';

// Real MariaDB on 127.0.0.1:3306 as root (DESIGN.md §7); random names so runs never collide.
const SERVER = { host: '127.0.0.1', port: 3306 };
const mysql = new MysqlManager({ connection: { ...SERVER, user: 'root' } });
const activities = createDatabaseActivities({ mysql, logger: pino({ level: 'silent' }) });
const databases: string[] = [];

function newDatabaseName(): string {
  const name = `db_${randomBytes(5).toString('hex')}`;
  databases.push(name);
  return name;
}

/** A database with one user, whose plaintext password only the test knows. */
async function databaseWithUser(overrides: Partial<DatabaseUserSpec> = {}) {
  const database = newDatabaseName();
  await mysql.ensureDatabase({ name: database, charset: 'utf8mb4' });
  const password = randomBytes(12).toString('base64url');
  const spec: DatabaseUserSpec = {
    name: `${database}_app`,
    database,
    passwordHash: mysqlNativePasswordHash(password),
    privileges: 'ALL',
    hosts: ['127.0.0.1'],
    ...overrides,
  };
  expect(await mysql.ensureUser(spec)).toEqual({ changed: true });
  return { database, spec, password };
}

function login(user: string, password: string, database?: string) {
  return createConnection({ ...SERVER, user, password, database });
}

afterAll(async () => {
  for (const name of databases) await mysql.dropDatabase({ name });
  await mysql.close();
});

describe('MysqlManager databases', () => {
  it('creates a database idempotently and corrects its collation', async () => {
    const name = newDatabaseName();
    expect(await mysql.ensureDatabase({ name, charset: 'utf8mb4' })).toEqual({ changed: true });
    expect(await mysql.ensureDatabase({ name, charset: 'utf8mb4' })).toEqual({ changed: false });
    const spec = { name, charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' };
    expect(await mysql.ensureDatabase(spec)).toEqual({ changed: true });
    expect(await mysql.ensureDatabase(spec)).toEqual({ changed: false });
    expect(await mysql.dropDatabase({ name })).toEqual({ changed: true });
    expect(await mysql.dropDatabase({ name })).toEqual({ changed: false });
  });

  it('refuses a charset or collation the server lacks, non-retryably', async () => {
    const name = newDatabaseName();
    await expect(mysql.ensureDatabase({ name, charset: 'klingon' })).rejects.toMatchObject({
      type: 'UnsupportedCharset',
    });
    const wrongPair = { name, charset: 'utf8mb4', collation: 'latin1_swedish_ci' };
    await expect(activities.ensureDatabase(wrongPair)).rejects.toSatisfy(
      (e) => e instanceof ApplicationFailure && e.nonRetryable === true && e.type === 'UnsupportedCharset',
    );
  });

  it('refuses names that are not tenant databases before any SQL', async () => {
    for (const name of ['mysql', 'db_ABCDEFGHIJ', 'db_abc`; DROP', 'db_0123456789x']) {
      await expect(mysql.ensureDatabase({ name, charset: 'utf8mb4' })).rejects.toThrow(DatabaseError);
    }
  });
});

describe('MysqlManager users', () => {
  it('lets a user log in with its password and see only its database', async () => {
    const { database, spec, password } = await databaseWithUser();
    expect(await mysql.ensureUser(spec)).toEqual({ changed: false });
    const conn = await login(spec.name, password);
    const [rows] = await conn.query('SHOW DATABASES');
    expect((rows as Array<{ Database: string }>).map((r) => r.Database).sort()).toEqual([
      database,
      'information_schema',
    ]);
    await conn.query(`CREATE TABLE ${database}.t (id INT PRIMARY KEY)`);
    await conn.query(`INSERT INTO ${database}.t VALUES (1)`);
    await conn.end();
    await expect(login(spec.name, 'wrong-password')).rejects.toThrow(/Access denied/);
  });

  it('keeps a READ_ONLY user from writing, and switches privileges both ways', async () => {
    const { database, spec, password } = await databaseWithUser();
    const owner = await login(spec.name, password, database);
    await owner.query('CREATE TABLE t (id INT PRIMARY KEY)');
    await owner.end();

    expect(await mysql.ensureUser({ ...spec, privileges: 'READ_ONLY' })).toEqual({ changed: true });
    const reader = await login(spec.name, password, database);
    await reader.query('SELECT * FROM t');
    await expect(reader.query('INSERT INTO t VALUES (1)')).rejects.toThrow(/command denied/);
    await reader.end();

    expect(await mysql.ensureUser({ ...spec, privileges: 'ALL' })).toEqual({ changed: true });
    const writer = await login(spec.name, password, database);
    await writer.query('INSERT INTO t VALUES (1)');
    await writer.end();
  });

  it('changes the password and drops the user so it cannot log in', async () => {
    const { spec, password } = await databaseWithUser();
    const newPassword = randomBytes(12).toString('hex');
    const changedSpec = { ...spec, passwordHash: mysqlNativePasswordHash(newPassword) };
    expect(await mysql.ensureUser(changedSpec)).toEqual({ changed: true });
    await expect(login(spec.name, password)).rejects.toThrow(/Access denied/);
    await (await login(spec.name, newPassword)).end();

    expect(await activities.dropDatabaseUser({ name: spec.name })).toEqual({ changed: true });
    expect(await activities.dropDatabaseUser({ name: spec.name })).toEqual({ changed: false });
    await expect(login(spec.name, newPassword)).rejects.toThrow(/Access denied/);
  });

  it('converges hosts: an access-rule change lets a new host in and keeps others out', async () => {
    const { spec, password } = await databaseWithUser({ hosts: ['10.9.9.9'] });
    await expect(login(spec.name, password)).rejects.toThrow(/Access denied/);

    const opened = { ...spec, hosts: ['10.9.9.9', '127.0.0.0/8'] };
    expect(await mysql.ensureUser(opened)).toEqual({ changed: true });
    const session = await login(spec.name, password);

    expect(await mysql.ensureUser(spec)).toEqual({ changed: true });
    await expect(login(spec.name, password)).rejects.toThrow(/Access denied/);
    // The removed host's open session is ended too, not only new logins refused.
    await expect(session.query('SELECT 1')).rejects.toThrow();
    session.destroy();
  });

  it('locks a suspended tenant’s user, ending its sessions, and unlocks it again', async () => {
    const { spec, password } = await databaseWithUser({});
    const session = await login(spec.name, password);

    expect(await mysql.ensureUser({ ...spec, locked: true })).toEqual({ changed: true });
    expect(await mysql.ensureUser({ ...spec, locked: true })).toEqual({ changed: false });
    await expect(login(spec.name, password)).rejects.toThrow(/locked/i);
    await expect(session.query('SELECT 1')).rejects.toThrow();
    session.destroy();

    expect(await mysql.ensureUser(spec)).toEqual({ changed: true });
    expect(await mysql.ensureUser(spec)).toEqual({ changed: false });
    await (await login(spec.name, password)).end();
  });

  it('repairs grants made outside the agent (drift)', async () => {
    const { database, spec } = await databaseWithUser({ privileges: 'READ_ONLY' });
    const root = await createConnection({ ...SERVER, user: 'root' });
    try {
      await root.query("GRANT INSERT ON ??.* TO ?@'127.0.0.1'", [database, spec.name]);
      await root.query("GRANT SELECT ON mysql.* TO ?@'127.0.0.1' WITH GRANT OPTION", [spec.name]);
      expect(await mysql.ensureUser(spec)).toEqual({ changed: true });
      expect(await mysql.ensureUser(spec)).toEqual({ changed: false });
      const [rows] = await root.query("SHOW GRANTS FOR ?@'127.0.0.1'", [spec.name]);
      const grants = (rows as Array<Record<string, string>>).map((r) => Object.values(r)[0]);
      expect(grants).toHaveLength(2);
      expect(grants[0]).toMatch(/^GRANT USAGE ON \*\.\* TO /);
      expect(grants[1]).toBe(
        `GRANT SELECT, SHOW VIEW ON \`${database.replace('_', '\\_')}\`.* TO \`${spec.name}\`@\`127.0.0.1\``,
      );
    } finally {
      await root.end();
    }
  });

  it('refuses each bad user spec non-retryably, saying what is wrong', async () => {
    const { spec } = await databaseWithUser();
    const bad: Array<[Partial<DatabaseUserSpec>, string]> = [
      [{ name: 'db_0000000000_app' }, `user db_0000000000_app does not belong to database ${spec.database}`],
      [{ name: `${spec.database}_x'y` }, `invalid database user name "${spec.database}_x'y"`],
      [{ passwordHash: 'plaintext-password' }, `password of ${spec.name} is not a mysql_native_password hash`],
      [{ hosts: ['evil.example.com'] }, 'invalid access rule "evil.example.com"'],
      [{ hosts: [] }, `user ${spec.name} has no hosts`],
      [{ privileges: 'SUPER' as never }, 'unknown privileges "SUPER"'],
    ];
    for (const [override, message] of bad) {
      const failure = await activities.ensureDatabaseUser({ ...spec, ...override }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failure, message).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ nonRetryable: true, type: 'InvalidDatabaseSpec', message });
    }
    // Nothing of the refused specs reached the server: the user is as it was.
    expect(await mysql.ensureUser(spec)).toEqual({ changed: false });
  });

  it('drops a database together with its users', async () => {
    const { database, spec, password } = await databaseWithUser();
    expect(await mysql.dropDatabase({ name: database })).toEqual({ changed: true });
    await expect(login(spec.name, password)).rejects.toThrow(/Access denied/);
  });
});
