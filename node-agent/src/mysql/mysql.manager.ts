import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import type { ReconcileResult } from '@hostplane/contract/node';
import {
  DATABASE_NAME_PATTERN,
  DatabaseError,
  type DatabaseChecksum,
  type DatabaseDumpResult,
  type DatabaseSpec,
  type DatabaseUserSpec,
} from '@hostplane/contract/data-stores';
import { assertUserName, dropUser, ensureUser } from './database-users.js';
import { dumpDatabase, restoreDatabase } from './dump.js';
import { createSql, type MysqlConnectionOptions, type Sql } from './sql.js';

export interface MysqlManagerOptions {
  /** The admin account (tests: root on 127.0.0.1:3306; production: root over the socket). */
  connection: MysqlConnectionOptions;
  /** Default `mysqldump`. */
  mysqldumpPath?: string;
  /** Default `mysql`. */
  mysqlPath?: string;
}

/** Refuses anything but a tenant database name before a statement is built from it. */
function assertDatabaseName(name: string): void {
  if (!DATABASE_NAME_PATTERN.test(name)) {
    throw new DatabaseError('InvalidDatabaseSpec', `invalid database name "${name}"`);
  }
}

/**
 * Reconciles tenant databases and database users on this node's MariaDB server. Every method
 * observes first, changes only what differs and is safe to repeat (DESIGN.md §6).
 */
export class MysqlManager {
  private readonly sql: Sql;
  private readonly closePool: () => Promise<void>;

  constructor(private readonly options: MysqlManagerOptions) {
    ({ sql: this.sql, close: this.closePool } = createSql(options.connection));
  }

  /** Closes the admin connections (at agent shutdown and after tests). */
  close(): Promise<void> {
    return this.closePool();
  }

  /** The database with the charset and collation; an existing one's defaults are corrected. */
  async ensureDatabase(spec: DatabaseSpec): Promise<ReconcileResult> {
    assertDatabaseName(spec.name);
    const collation = await this.resolveCollation(spec.charset, spec.collation);
    const current = await this.schemaOf(spec.name);
    if (current?.charset === spec.charset && current.collation === collation) return { changed: false };
    const verb = current ? 'ALTER DATABASE ??' : 'CREATE DATABASE IF NOT EXISTS ??';
    await this.sql(`${verb} CHARACTER SET ? COLLATE ?`, [spec.name, spec.charset, collation]);
    return { changed: true };
  }

  /**
   * Drops the database and its users (every account whose name is the database's or starts
   * with it and `_`: user names are bound to their database). Absent ones count as dropped.
   */
  async dropDatabase({ name }: { name: string }): Promise<ReconcileResult> {
    assertDatabaseName(name);
    const users = await this.sql('SELECT DISTINCT User AS user FROM mysql.user WHERE User = ? OR LEFT(User, ?) = ?', [
      name,
      name.length + 1,
      `${name}_`,
    ]);
    for (const { user } of users) await dropUser(this.sql, { name: String(user) });
    const existed = (await this.schemaOf(name)) !== null;
    await this.sql('DROP DATABASE IF EXISTS ??', [name]);
    return { changed: existed || users.length > 0 };
  }

  /** See `ensureUser` in database-users.ts: accounts per host, password hash, exact grants. */
  async ensureUser(spec: DatabaseUserSpec): Promise<ReconcileResult> {
    await this.assertExists(spec.database);
    return ensureUser(this.sql, spec);
  }

  /** Drops every account of the user. */
  dropUser(input: { name: string }): Promise<ReconcileResult> {
    assertUserName(input.name);
    return dropUser(this.sql, input);
  }

  /** Writes a dump of the database to `path` on this node (`.gz` for compressed). */
  async dumpDatabase({ name, path }: { name: string; path: string }): Promise<DatabaseDumpResult> {
    await this.assertExists(name);
    return dumpDatabase(this.programs(), { name, file: path });
  }

  /** Restores a `dumpDatabase` file into the existing database `name` (tables are replaced). */
  async restoreDatabase({ name, path }: { name: string; path: string }): Promise<ReconcileResult> {
    await this.assertExists(name);
    await access(path).catch(() => {
      throw new DatabaseError('InvalidDatabaseDump', `dump file ${path} does not exist on this node`);
    });
    await restoreDatabase(this.programs(), { name, file: path });
    return { changed: true };
  }

  /**
   * A digest over every table's definition and `CHECKSUM TABLE … EXTENDED` (rows, byte for
   * byte) in name order: a migration compares the source's and the target's before switching.
   */
  async checksumDatabase({ name }: { name: string }): Promise<DatabaseChecksum> {
    await this.assertExists(name);
    const tables = await this.sql(
      `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
      [name],
    );
    const digest = createHash('sha256');
    const result: Record<string, string | null> = {};
    for (const table of tables) {
      const tableName = String(table.name);
      let checksum: string | null = null;
      if (table.type === 'BASE TABLE') {
        const [created] = await this.sql('SHOW CREATE TABLE ??.??', [name, tableName]);
        const [sum] = await this.sql('CHECKSUM TABLE ??.?? EXTENDED', [name, tableName]);
        checksum = String(sum?.Checksum);
        digest.update(`${String(created?.['Create Table'])}\n`);
      }
      result[tableName] = checksum;
      digest.update(`${tableName}\t${String(table.type)}\t${checksum}\n`);
    }
    return { digest: digest.digest('hex'), tables: result };
  }

  private programs() {
    const { connection, mysqldumpPath = 'mysqldump', mysqlPath = 'mysql' } = this.options;
    return { connection, mysqldumpPath, mysqlPath };
  }

  private async assertExists(name: string): Promise<void> {
    assertDatabaseName(name);
    if ((await this.schemaOf(name)) === null) {
      throw new DatabaseError('DatabaseMissing', `database ${name} does not exist`);
    }
  }

  private async schemaOf(name: string): Promise<{ charset: string; collation: string } | null> {
    const [row] = await this.sql(
      `SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation
         FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?`,
      [name],
    );
    return row ? { charset: String(row.charset), collation: String(row.collation) } : null;
  }

  /** The collation to use, checked against what this server supports. */
  private async resolveCollation(charset: string, collation?: string): Promise<string> {
    const rows = await this.sql(
      `SELECT COLLATION_NAME AS name, IS_DEFAULT AS isDefault FROM information_schema.COLLATIONS
        WHERE CHARACTER_SET_NAME = ?`,
      [charset],
    );
    if (rows.length === 0) {
      throw new DatabaseError('UnsupportedCharset', `charset "${charset}" is not supported by this server`);
    }
    const match = collation ? rows.find((r) => r.name === collation) : rows.find((r) => r.isDefault === 'Yes');
    if (!match) {
      const what = collation ? `collation "${collation}"` : 'a default collation';
      throw new DatabaseError('UnsupportedCharset', `charset "${charset}" has no ${what} on this server`);
    }
    return String(match.name);
  }
}
