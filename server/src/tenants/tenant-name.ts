import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `{prefix}{10 random [a-z0-9]}`: system names for tenants (t_), webroots (web_), … */
export function generateShortName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 10; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return prefix + suffix;
}
