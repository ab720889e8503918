// What workflows and the control plane share with the MySQL activities: plain data only, no
// Node built-ins, so it is safe inside the deterministic workflow bundle.

/** `db_` + 10 lowercase letters or digits. */
export const DATABASE_NAME_PATTERN = /^db_[a-z0-9]{10}$/;
/** The database name, optionally followed by `_` and a suffix (`db_abc123defg_admin`). */
export const DATABASE_USER_NAME_PATTERN = /^db_[a-z0-9]{10}(_[a-z0-9_]{1,20})?$/;

/** `ALL` = every database-level privilege; `READ_ONLY` = SELECT and SHOW VIEW. */
export type DatabasePrivileges = 'ALL' | 'READ_ONLY';

/** A tenant database on a database-role node. */
export interface DatabaseSpec {
  name: string;
  /** A character set the server supports (`utf8mb4`). */
  charset: string;
  /** A collation of `charset`; the charset's default when omitted. */
  collation?: string;
}

/** A database user; one MariaDB account per host pattern, all with the same password. */
export interface DatabaseUserSpec {
  /** Starts with the database name (see DATABASE_USER_NAME_PATTERN). */
  name: string;
  database: string;
  /** `mysql_native_password` hash (`*` + 40 hex digits), never the plaintext. */
  passwordHash: string;
  privileges: DatabasePrivileges;
  /**
   * Where the user may log in from: `%`, `localhost`, an IPv4 or IPv6 address, an IPv4 CIDR or
   * a MariaDB pattern (`10.1.%`, `10.0.0.0/255.0.0.0`). The database's access rules: accounts for
   * hosts no longer listed are dropped.
   */
  hosts: string[];
  /**
   * Its tenant is suspended: every account is locked (`ACCOUNT LOCK`: the password no longer
   * logs in) and open sessions are ended; false or absent unlocks them again.
   */
  locked?: boolean;
}

/** A dump file written by `dumpDatabase`. */
export interface DatabaseDumpResult {
  path: string;
  bytes: number;
  /** SHA-256 of the file as written, so a copy to another node can be checked. */
  sha256: string;
}

/** `checksumDatabase`: equal digests mean equal table definitions and equal rows. */
export interface DatabaseChecksum {
  digest: string;
  /** Per table: `CHECKSUM TABLE … EXTENDED` (null for views). */
  tables: Record<string, string | null>;
}
