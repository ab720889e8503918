// Pure (crypto only), so the control plane can hash a password before it is stored anywhere.
import { createHash } from 'node:crypto';

/** What a Valkey ACL `#<hash>` rule takes: SHA-256, 64 lowercase hex digits. */
export const VALKEY_PASSWORD_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** The SHA-256 hex of `plaintext`, as Valkey/Redis ACLs store passwords. */
export function valkeyPasswordHash(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
