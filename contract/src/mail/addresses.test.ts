// The address rules both the API and the node agent apply: nothing that could add a line or a
// field to a Postfix table or a Dovecot passwd-file passes.
import { describe, expect, it } from 'vitest';
import {
  isAliasAddress,
  isArgon2idHash,
  isCatchAll,
  isDkimSelector,
  isMailAddress,
  localPartProblem,
  mailTargetsProblem,
} from './addresses.js';

describe('mail address rules', () => {
  it('accepts ordinary addresses', () => {
    for (const address of ['info@example.com', 'first.last@mail.example.co.uk', 'a+tag@x.io', 'no-reply_1=x@b.de']) {
      expect(isMailAddress(address)).toBe(true);
    }
  });

  it('refuses what would break a map line or a passwd-file field', () => {
    for (const address of [
      'a b@example.com',
      'a:b@example.com',
      'a\n@example.com',
      'a#b@example.com',
      '"q"@example.com',
      'a@example.com:1',
      'a@exa mple.com',
      'a@example',
      '@example.com',
      'a@',
      'A@example.com',
      'a@EXAMPLE.com',
      '.a@example.com',
      'a.@example.com',
      'a..b@example.com',
      `${'a'.repeat(65)}@example.com`,
    ]) {
      expect(isMailAddress(address), address).toBe(false);
    }
  });

  it('says why a local part is refused', () => {
    expect(localPartProblem('')).toMatch(/empty/);
    expect(localPartProblem('Info')).toMatch(/lowercase/);
    expect(localPartProblem('a'.repeat(65))).toMatch(/longer than 64/);
    expect(localPartProblem('a..b')).toMatch(/double dot/);
    expect(localPartProblem('info')).toBeNull();
  });

  it("takes only Dovecot's Argon2id form as a password hash", () => {
    expect(
      isArgon2idHash(
        '{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$zYwwERmiA6ysPYMA8Rejhg$13R10I87ckyBalPZlWwitHBeKVajH2uvvYmsicJkCOc',
      ),
    ).toBe(true);
    expect(isArgon2idHash('{PLAIN}secret')).toBe(false);
    expect(isArgon2idHash('{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$salt$hash:extra')).toBe(false);
    expect(isArgon2idHash('{ARGON2ID}$argon2id$v=19$m=65536\n')).toBe(false);
  });

  it('takes one DNS label as a DKIM selector', () => {
    expect(isDkimSelector('hp2026')).toBe(true);
    expect(isDkimSelector('a.b')).toBe(false);
    expect(isDkimSelector('-x')).toBe(false);
  });

  it('takes @domain as a catch-all alias address, nothing looser', () => {
    expect(isCatchAll('@example.com')).toBe(true);
    expect(isAliasAddress('@example.com')).toBe(true);
    expect(isAliasAddress('info@example.com')).toBe(true);
    for (const bad of ['@', '@@example.com', '*@example.com', '@example.com\nx', '@Example.com']) {
      expect(isAliasAddress(bad), bad).toBe(false);
    }
  });

  it('says why targets cannot take mail', () => {
    expect(mailTargetsProblem('a@x.test', ['b@x.test', 'c@far.test'])).toBeNull();
    expect(mailTargetsProblem('a@x.test', [])).toMatch(/at least one/i);
    expect(mailTargetsProblem('a@x.test', ['a@x.test'])).toMatch(/itself/);
    expect(mailTargetsProblem('a@x.test', ['b@x.test', 'b@x.test'])).toMatch(/twice/);
    expect(mailTargetsProblem('a@x.test', ['b@x.test,c@x.test'])).toMatch(/not a lowercase/);
    expect(mailTargetsProblem('a@x.test', ['@x.test'])).toMatch(/not a lowercase/);
  });
});
