import { describe, expect, it } from 'vitest';
import { generateApiKeySecret, hashSecret, parseApiKey, secretMatches } from './api-key-secret.js';

describe('API key secrets', () => {
  it('round-trips: the plaintext parses back to the prefix and a secret matching the stored hash', () => {
    const key = generateApiKeySecret();
    expect(key.plaintext).toMatch(/^hp_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key.plaintext);
    expect(parsed?.prefix).toBe(key.prefix);
    expect(secretMatches(parsed!.secret, key.secretHash)).toBe(true);
    expect(key.secretHash).not.toContain(parsed!.secret);
  });

  it('rejects a wrong secret and malformed keys', () => {
    const key = generateApiKeySecret();
    expect(secretMatches('x'.repeat(43), key.secretHash)).toBe(false);
    for (const bad of ['', 'hp_', 'hp_abc_def', `xx_${key.plaintext.slice(3)}`, `${key.plaintext}!`]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('never produces the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKeySecret().plaintext));
    expect(keys.size).toBe(200);
    expect(hashSecret('a')).not.toBe(hashSecret('b'));
  });
});
