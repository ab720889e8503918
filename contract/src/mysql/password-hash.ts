// Pure (crypto only), so the control plane can hash a password before it is stored anywhere.
import { createHash } from 'node:crypto';

/** What MariaDB/MySQL keep for `mysql_native_password`: `*` + 40 upper-case hex digits. */
export const MYSQL_NATIVE_HASH_PATTERN = /^\*[0-9A-F]{40}$/;

/**
 * The `mysql_native_password` hash of `plaintext` — `*` + HEX(SHA1(SHA1(password))), the value
 * MariaDB's `PASSWORD('…')` returns. The node agent only ever receives this hash.
 */
export function mysqlNativePasswordHash(plaintext: string): string {
  const once = createHash('sha1').update(plaintext, 'utf8').digest();
  return `*${createHash('sha1').update(once).digest('hex').toUpperCase()}`;
}
