import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../linux-users/run-command.js';
import { MysqlManager } from './mysql.manager.js';

// Real MariaDB and the real mysqldump/mysql clients (Debian `mariadb-client`).
const SERVER = { host: '127.0.0.1', port: 3306, user: 'root' };
const mysql = new MysqlManager({ connection: SERVER });
const source = `db_${randomBytes(5).toString('hex')}`;
const created = [source];
let dir: string;

// Every byte value, an emoji, and text in a 4-byte charset: what a lossy dump would mangle.
const BLOB = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const TEXT = 'zoë 😀 你好 \u0000 \' " \\ end';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hp-dumps-'));
  await mysql.ensureDatabase({ name: source, charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' });
  const conn = await createConnection({ ...SERVER, database: source });
  await conn.query(`CREATE TABLE files (
    id INT AUTO_INCREMENT PRIMARY KEY, body LONGBLOB, tag VARBINARY(16), note TEXT, at DATETIME(6)
  ) CHARSET utf8mb4`);
  await conn.query('CREATE TABLE empty_one (x INT) CHARSET latin1');
  await conn.query('CREATE VIEW notes AS SELECT id, note FROM files');
  for (let i = 0; i < 50; i++) {
    await conn.query('INSERT INTO files (body, tag, note, at) VALUES (?, ?, ?, ?)', [
      Buffer.concat([BLOB, randomBytes(i * 100)]),
      randomBytes(16),
      `${TEXT} #${i}`,
      '2024-02-29 12:34:56.789012',
    ]);
  }
  await conn.end();
});

afterAll(async () => {
  for (const name of created) await mysql.dropDatabase({ name });
  await mysql.close();
  await rm(dir, { recursive: true, force: true });
});

async function restoreCopy(file: string): Promise<string> {
  const target = `db_${randomBytes(5).toString('hex')}`;
  created.push(target);
  await mysql.ensureDatabase({ name: target, charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' });
  expect(await mysql.restoreDatabase({ name: target, path: file })).toEqual({ changed: true });
  return target;
}

describe('dump and restore', () => {
  it.each(['plain.sql', 'compressed.sql.gz'])('restores %s byte for byte', async (fileName) => {
    const file = path.join(dir, fileName);
    const dump = await mysql.dumpDatabase({ name: source, path: file });
    expect(dump.bytes).toBeGreaterThan(50 * 256);
    expect(dump.sha256).toMatch(/^[0-9a-f]{64}$/);

    const target = await restoreCopy(file);
    const [before, after] = await Promise.all([
      mysql.checksumDatabase({ name: source }),
      mysql.checksumDatabase({ name: target }),
    ]);
    expect(Object.keys(before.tables)).toEqual(['empty_one', 'files', 'notes']);
    expect(after).toEqual(before);

    const conn = await createConnection({ ...SERVER, database: target });
    const [rows] = await conn.query('SELECT body, note FROM files WHERE id = 1');
    const row = (rows as Array<{ body: Buffer; note: string }>)[0];
    expect(row?.body.equals(BLOB)).toBe(true);
    expect(row?.note).toBe(`${TEXT} #0`);
    // A restore over existing tables replaces them, so a retried restore converges.
    await mysql.restoreDatabase({ name: target, path: file });
    expect(await mysql.checksumDatabase({ name: target })).toEqual(before);
    // And the checksum notices a one-byte change.
    await conn.query("UPDATE files SET tag = UNHEX('00') WHERE id = 7");
    await conn.end();
    expect((await mysql.checksumDatabase({ name: target })).digest).not.toBe(before.digest);
  });

  it('refuses to restore a missing file or into a missing database', async () => {
    await expect(mysql.restoreDatabase({ name: source, path: path.join(dir, 'nope.sql') })).rejects.toMatchObject({
      type: 'InvalidDatabaseDump',
    });
    await expect(
      mysql.restoreDatabase({ name: 'db_zzzzzzzzzz', path: path.join(dir, 'plain.sql') }),
    ).rejects.toMatchObject({ type: 'DatabaseMissing' });
  });

  it('fails a broken restore with the client error, and a failed dump leaves no file', async () => {
    const broken = path.join(dir, 'broken.sql');
    await writeFile(broken, 'CREATE TABLE (;\n');
    await expect(mysql.restoreDatabase({ name: source, path: broken })).rejects.toThrow(/ERROR 1064/);

    const failing = new MysqlManager({ connection: SERVER, mysqldumpPath: '/bin/false' });
    const file = path.join(dir, 'failed.sql');
    await expect(failing.dumpDatabase({ name: source, path: file })).rejects.toThrow(CommandError);
    await failing.close();
    expect(await readdir(dir)).not.toContain('failed.sql');
    expect(await readdir(dir)).not.toContain('failed.sql.partial');
  });

  // A restore runs the mysql client as root: a dump is SQL, never a way to run a shell or touch files.
  it.each([
    ['\\! touch', { type: 'InvalidDatabaseDump', message: expect.stringMatching(/holds a mysql client command/) }],
    ['system touch', { message: expect.stringMatching(/ERROR 1064/) }], // sent as SQL: a syntax error
  ])('runs no client command from a dump (%s)', async (command, refusal) => {
    const marker = path.join(dir, `pwned-${randomBytes(4).toString('hex')}`);
    const evil = path.join(dir, 'evil.sql');
    await writeFile(evil, `SELECT 1;\n${command} ${marker}\nSELECT 2;\n`);
    await expect(mysql.restoreDatabase({ name: source, path: evil })).rejects.toMatchObject(refusal);
    await expect(access(marker)).rejects.toThrow(/ENOENT/);
  });
});
