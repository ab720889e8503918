import { describe, expect, it } from 'vitest';
import { validateValkeyUsers as validateUsers, valkeyPasswordHash } from '@hostplane/contract/data-stores/validate';
import { renderAclFile } from './acl-file.js';
import { ValkeyError, type ValkeyUserSpec } from '@hostplane/contract/data-stores';

const HASH = valkeyPasswordHash('secret');
const user = (over: Partial<ValkeyUserSpec> = {}): ValkeyUserSpec => ({
  name: 'kv_abcdefghij_app',
  passwordHash: HASH,
  rules: { keys: ['app:*'], commands: ['+@read', '+@write', '-@dangerous', '+client|id', '+flushdb'] },
  ...over,
});

describe('valkeyPasswordHash', () => {
  it('is the SHA-256 hex digest', () => {
    expect(HASH).toBe('2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b');
  });
});

describe('renderAclFile', () => {
  it('turns the default user off, adds the agent, then the users in name order', () => {
    const other = user({
      name: 'kv_abcdefghij',
      rules: { keys: [], channels: ['news.*'], commands: [] },
    });
    expect(renderAclFile('a'.repeat(64), [user(), other])).toBe(
      [
        'user default off resetpass resetkeys resetchannels -@all',
        `user hostplane-agent on #${'a'.repeat(64)} ~* &* +@all`,
        `user kv_abcdefghij on #${HASH} resetkeys resetchannels &news.* -@all -@admin -@dangerous -@scripting -migrate`,
        `user kv_abcdefghij_app on #${HASH} resetkeys resetchannels ~app:* -@all +@read +@write -@dangerous +client|id +flushdb -@admin -@dangerous -@scripting -migrate +flushdb`,
        '',
      ].join('\n'),
    );
  });
});

describe('validateUsers', () => {
  it('accepts a well-formed user', () => {
    expect(() => validateUsers('kv_abcdefghij', [user()])).not.toThrow();
  });

  it.each<[string, Partial<ValkeyUserSpec>]>([
    ['a user of another instance', { name: 'kv_0000000000_app' }],
    ['the default user', { name: 'default' }],
    ['a plaintext password', { passwordHash: 'secret' }],
    ['an upper-case hash', { passwordHash: HASH.toUpperCase() }],
    ['a pattern with a space (a second rule)', { rules: { keys: ['a* nopass'], commands: [] } }],
    ['a pattern with a newline', { rules: { keys: ['a\nuser x on'], commands: [] } }],
    ['+@admin', { rules: { keys: [], commands: ['+@admin'] } }],
    ['an unknown category', { rules: { keys: [], commands: ['+@everything'] } }],
    ['a raw rule', { rules: { keys: [], commands: ['nopass'] } }],
    ['a password rule', { rules: { keys: [], commands: ['>plaintext'] } }],
    ['a key rule among commands', { rules: { keys: [], commands: ['~*'] } }],
    ['a channel with a quote', { rules: { keys: [], channels: ['"x'], commands: [] } }],
  ])('refuses %s', (_, over) => {
    expect(() => validateUsers('kv_abcdefghij', [user(over)])).toThrow(ValkeyError);
  });

  it.each([
    '+@all',
    '+@dangerous',
    '+@scripting',
    '+restore',
    '+eval',
    '+config',
    '+config|get',
    '+client',
    '+client|kill',
    '+debug',
    '+monitor',
    '+sync',
    '+replicaof',
    '+function|load',
  ])('refuses granting %s, naming the command rule', (rule) => {
    const rules = { keys: ['*'], commands: ['+@read', rule] };
    expect(() => validateUsers('kv_abcdefghij', [user({ rules })])).toThrow(
      /command rule ".*" (is not grantable|grants a command tenants may not use)/,
    );
  });

  it('accepts denying any category and granting own-instance commands by name', () => {
    const rules = {
      keys: ['*'],
      commands: ['-@all', '-@dangerous', '-@scripting', '+@read', '+flushdb', '+keys', '+client|id', '-restore'],
    };
    expect(() => validateUsers('kv_abcdefghij', [user({ rules })])).not.toThrow();
  });

  it('refuses a user listed twice', () => {
    expect(() => validateUsers('kv_abcdefghij', [user(), user()])).toThrow(/twice/);
  });
});
