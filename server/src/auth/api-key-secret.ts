import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `hp_<prefix>_<secret>`: `hp_` makes leaked keys greppable (secret
 * scanning), the prefix finds the row without revealing anything, and only a SHA-256 of the
 * 256-bit random secret is stored (a slow KDF adds nothing for secrets of that entropy).
 */
const KEY_PATTERN = /^hp_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKeySecret {
  prefix: string;
  secretHash: string;
  /** The full key: returned once, never stored. */
  plaintext: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const prefix = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { prefix, secretHash: hashSecret(secret), plaintext: `hp_${prefix}_${secret}` };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
