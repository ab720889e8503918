import { argon2Verify } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { dovecotArgon2id } from './mail-secrets.js';

describe('dovecotArgon2id', () => {
  it("makes Dovecot's {ARGON2ID} form with Dovecot's parameters, which verifies the password and no other", async () => {
    const hash = await dovecotArgon2id('correct horse');
    expect(hash).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    const encoded = hash.slice('{ARGON2ID}'.length);
    expect(await argon2Verify({ password: 'correct horse', hash: encoded })).toBe(true);
    expect(await argon2Verify({ password: 'correct horsE', hash: encoded })).toBe(false);
  });

  it('hashes off the event loop: timers keep firing while hashes run', async () => {
    let longestGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const hashes = await Promise.all(['a', 'b', 'c'].map((p) => dovecotArgon2id(`password ${p}`)));
    const tookMs = performance.now() - started;
    clearInterval(timer);
    expect(new Set(hashes).size).toBe(3); // a salt of its own each
    // On the event loop no tick could land during a hash: the longest gap would be a whole hash,
    // a third of the time. Off it, every gap stays far below half a hash.
    expect(longestGapMs).toBeLessThan(tookMs / 6);
  });
});
