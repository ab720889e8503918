import type { ReconcileResult } from '@hostplane/contract/node';
import {
  DATABASE_NAME_PATTERN,
  DATABASE_USER_NAME_PATTERN,
  DatabaseError,
  type DatabaseUserSpec,
} from '@hostplane/contract/data-stores';
import { MYSQL_NATIVE_HASH_PATTERN, toMysqlHost } from '@hostplane/contract/data-stores/validate';
import type { Row, Sql } from './sql.js';

/** What `GRANT ALL PRIVILEGES ON db.*` gives on MariaDB 10.11 (GRANT OPTION is never given). */
const ALL_DB_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'DROP',
  'REFERENCES',
  'INDEX',
  'ALTER',
  'CREATE TEMPORARY TABLES',
  'LOCK TABLES',
  'EXECUTE',
  'CREATE VIEW',
  'SHOW VIEW',
  'CREATE ROUTINE',
  'ALTER ROUTINE',
  'EVENT',
  'TRIGGER',
  'DELETE HISTORY',
];
const READ_ONLY_PRIVILEGES = ['SELECT', 'SHOW VIEW'];

function invalid(message: string): DatabaseError {
  return new DatabaseError('InvalidDatabaseSpec', message);
}

/** Refuses anything but a tenant database user before a statement is built from the name. */
export function assertUserName(name: string): void {
  if (!DATABASE_USER_NAME_PATTERN.test(name)) throw invalid(`invalid database user name "${name}"`);
}

/** Validates the spec and returns its distinct MariaDB hosts. */
function validate(spec: DatabaseUserSpec): string[] {
  assertUserName(spec.name);
  if (!DATABASE_NAME_PATTERN.test(spec.database)) {
    throw invalid(`invalid database name "${spec.database}"`);
  }
  if (spec.name !== spec.database && !spec.name.startsWith(`${spec.database}_`)) {
    throw invalid(`user ${spec.name} does not belong to database ${spec.database}`);
  }
  // The hash itself is not echoed: it is a secret, if not a plaintext one.
  if (!MYSQL_NATIVE_HASH_PATTERN.test(spec.passwordHash)) {
    throw invalid(`password of ${spec.name} is not a mysql_native_password hash`);
  }
  if (spec.privileges !== 'ALL' && spec.privileges !== 'READ_ONLY') {
    throw invalid(`unknown privileges "${String(spec.privileges)}"`);
  }
  if (spec.hosts.length === 0) throw invalid(`user ${spec.name} has no hosts`);
  return [...new Set(spec.hosts.map(toMysqlHost))];
}

/** The user's accounts, by host, with whether each is locked (MariaDB ≥ 10.4 keeps that in global_priv). */
async function accountsOf(sql: Sql, name: string): Promise<Map<string, Row>> {
  const rows = await sql(
    `SELECT u.Host AS host, u.authentication_string AS hash, u.plugin,
            COALESCE(JSON_EXTRACT(g.Priv, '$.account_locked') = true, 0) AS locked
       FROM mysql.user u LEFT JOIN mysql.global_priv g ON g.User = u.User AND g.Host = u.Host
      WHERE u.User = ?`,
    [name],
  );
  return new Map(rows.map((r) => [String(r.host), r]));
}

/** Every privilege of `user@host` as `scope|privilege|grantable`, scope `*`, `db` or `db.table`. */
async function privilegesOf(sql: Sql, name: string, host: string): Promise<Set<string>> {
  const grantee = `'${name}'@'${host}'`; // safe: name and host were validated
  const rows = await sql(
    `SELECT '*' AS scope, PRIVILEGE_TYPE AS p, IS_GRANTABLE AS g
       FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?
     UNION ALL SELECT TABLE_SCHEMA, PRIVILEGE_TYPE, IS_GRANTABLE
       FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ?
     UNION ALL SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME), PRIVILEGE_TYPE, IS_GRANTABLE
       FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ?
     UNION ALL SELECT CONCAT(TABLE_SCHEMA, '.', TABLE_NAME), PRIVILEGE_TYPE, IS_GRANTABLE
       FROM information_schema.COLUMN_PRIVILEGES WHERE GRANTEE = ?`,
    [grantee, grantee, grantee, grantee],
  );
  return new Set(rows.map((r) => `${String(r.scope)}|${String(r.p)}|${String(r.g)}`));
}

/**
 * Makes `user@host` hold exactly the wanted privileges on `database`.* and nothing else. A
 * privilege change grants before it revokes, so the user never briefly has less than both the
 * old and the new set allow. Anything granted elsewhere (drift) is wiped and re-granted.
 */
async function convergeGrants(sql: Sql, spec: DatabaseUserSpec, host: string): Promise<boolean> {
  const { name } = spec;
  // In GRANT, `_` in a database name is a LIKE wildcard: escaped, it matches this database only.
  const database = spec.database.replace(/_/g, '\\_');
  const held = await privilegesOf(sql, name, host);
  const onDb = new Set([...held].filter((k) => k.startsWith(`${database}|`)).map((k) => k.split('|')[1]));
  const stray = [...held].filter((k) => k !== '*|USAGE|NO' && !(k.startsWith(`${database}|`) && k.endsWith('|NO')));
  const wanted = spec.privileges === 'ALL' ? ALL_DB_PRIVILEGES : READ_ONLY_PRIVILEGES;
  const grant = spec.privileges === 'ALL' ? 'ALL PRIVILEGES' : READ_ONLY_PRIVILEGES.join(', ');
  const extra = spec.privileges === 'ALL' ? [] : [...onDb].filter((p) => !wanted.includes(p ?? ''));
  const unknownExtra = extra.some((p) => !ALL_DB_PRIVILEGES.includes(p ?? ''));
  if (stray.length > 0 || unknownExtra) {
    await sql('REVOKE ALL PRIVILEGES, GRANT OPTION FROM ?@?', [name, host]);
    await sql(`GRANT ${grant} ON ??.* TO ?@?`, [database, name, host]);
    return true;
  }
  const missing = wanted.filter((p) => !onDb.has(p));
  if (missing.length > 0) await sql(`GRANT ${grant} ON ??.* TO ?@?`, [database, name, host]);
  // `extra` holds only names from ALL_DB_PRIVILEGES here, so they are safe to put in the SQL.
  if (extra.length > 0) await sql(`REVOKE ${extra.join(', ')} ON ??.* FROM ?@?`, [database, name, host]);
  return missing.length > 0 || extra.length > 0;
}

/** Ends the user's open sessions: dropping an account does not disconnect it. */
async function killSessions(sql: Sql, name: string): Promise<void> {
  const rows = await sql('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE USER = ?', [name]);
  for (const row of rows) {
    await sql('KILL CONNECTION ?', [Number(row.id)]).catch(() => undefined); // already gone
  }
}

/**
 * Converges the user's accounts to `spec`: one account per host with the password hash, the
 * privileges and the lock; accounts for hosts no longer listed are dropped (and the user's
 * sessions ended), which is how an access-rule change takes effect. New hosts are added before
 * old ones go. Locking ends the open sessions too: a lock alone only stops new logins.
 */
export async function ensureUser(sql: Sql, spec: DatabaseUserSpec): Promise<ReconcileResult> {
  const hosts = validate(spec);
  const locked = spec.locked === true;
  const lock = locked ? 'ACCOUNT LOCK' : 'ACCOUNT UNLOCK';
  const accounts = await accountsOf(sql, spec.name);
  let changed = false;
  let newlyLocked = false;
  for (const host of hosts) {
    const account = accounts.get(host);
    if (!account) {
      await sql(`CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY PASSWORD ? ${lock}`, [spec.name, host, spec.passwordHash]);
      changed = true;
    } else {
      if (account.hash !== spec.passwordHash || account.plugin !== 'mysql_native_password') {
        await sql('ALTER USER ?@? IDENTIFIED BY PASSWORD ?', [spec.name, host, spec.passwordHash]);
        changed = true;
      }
      if (Boolean(Number(account.locked)) !== locked) {
        await sql(`ALTER USER ?@? ${lock}`, [spec.name, host]);
        changed = true;
        newlyLocked ||= locked;
      }
    }
    changed = (await convergeGrants(sql, spec, host)) || changed;
  }
  const removed = [...accounts.keys()].filter((host) => !hosts.includes(host));
  for (const host of removed) await sql('DROP USER IF EXISTS ?@?', [spec.name, host]);
  if (removed.length > 0 || newlyLocked) await killSessions(sql, spec.name);
  return { changed: changed || removed.length > 0 };
}

/** Drops every account of the user (all hosts) and ends its sessions. */
export async function dropUser(sql: Sql, { name }: { name: string }): Promise<ReconcileResult> {
  assertUserName(name);
  const accounts = await accountsOf(sql, name);
  for (const host of accounts.keys()) await sql('DROP USER IF EXISTS ?@?', [name, host]);
  await killSessions(sql, name);
  return { changed: accounts.size > 0 };
}
