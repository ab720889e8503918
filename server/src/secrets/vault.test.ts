import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { envChangesOf } from './env-input.js';
import { fingerprintOf, openValue, sealValue, SecretsVault } from './vault.js';

const tenantId = '6f1c1f9e-4d0b-4c1e-9a53-0a6c1b2d3e4f';
const webrootId = '0b7f2c1a-8e3d-4f5a-b6c7-d8e9f0a1b2c3';

describe('secrets vault (envelope encryption)', () => {
  it('seals a value under the tenant’s data key and opens it only at its own webroot and name', () => {
    const vault = new SecretsVault(randomBytes(32));
    const wrapped = vault.newDataKey(tenantId);
    const dataKey = vault.unwrap(tenantId, wrapped);
    const sealed = sealValue(dataKey, webrootId, 'API_TOKEN', 'sk_live_123');
    expect(sealed.includes(Buffer.from('sk_live_123'))).toBe(false);
    expect(openValue(dataKey, webrootId, 'API_TOKEN', sealed)).toBe('sk_live_123');
    // Moved to another name, or another tenant's key: authentication fails.
    expect(() => openValue(dataKey, webrootId, 'OTHER', sealed)).toThrow();
    const other = vault.unwrap(tenantId, vault.newDataKey(tenantId));
    expect(() => openValue(other, webrootId, 'API_TOKEN', sealed)).toThrow();
    // A data key is bound to its tenant too.
    expect(() => vault.unwrap('00000000-0000-0000-0000-000000000000', wrapped)).toThrow();
  });

  it('rotation re-wraps the data key under the new master key; values open unchanged', () => {
    const oldMaster = randomBytes(32);
    const before = new SecretsVault(oldMaster);
    const wrapped = before.newDataKey(tenantId);
    const sealed = sealValue(before.unwrap(tenantId, wrapped), webrootId, 'X', 'v1');

    const newMaster = randomBytes(32);
    const after = new SecretsVault(newMaster, [oldMaster]);
    const rewrapped = after.rewrap(tenantId, wrapped)!;
    expect(rewrapped.masterKeyId).toBe(after.masterKeyId);
    expect(after.rewrap(tenantId, rewrapped)).toBeNull(); // already current
    // Without the old key any more, the re-wrapped key still opens the old value.
    const only = new SecretsVault(newMaster);
    expect(openValue(only.unwrap(tenantId, rewrapped), webrootId, 'X', sealed)).toBe('v1');
    expect(() => only.unwrap(tenantId, wrapped)).toThrow(/no master key/);
  });

  it('fingerprints with the data key: equal values match, and the fingerprint is not a plain hash', () => {
    const key = randomBytes(32);
    expect(fingerprintOf(key, 'a')).toBe(fingerprintOf(key, 'a'));
    expect(fingerprintOf(key, 'a')).not.toBe(fingerprintOf(key, 'b'));
    expect(fingerprintOf(randomBytes(32), 'a')).not.toBe(fingerprintOf(key, 'a'));
    expect(fingerprintOf(key, 'a')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => SecretsVault.fromEnv(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});

describe('setWebrootEnv input', () => {
  it('refuses reserved names with RESERVED_NAME and bad values without quoting them', () => {
    const result = envChangesOf({
      webrootId: 'x',
      variables: [
        { name: 'PATH', value: '/x' },
        { name: 'OK_NAME', value: 'fine' },
      ],
      secrets: [
        { name: 'TOKEN', value: 'hunter2\nrest' },
        { name: 'OK_NAME', value: 'dup' },
      ],
    });
    if (!('userErrors' in result)) throw new Error('accepted');
    expect(result.userErrors.map((e) => [e.field.join('.'), e.code])).toEqual([
      ['input.variables.0.name', 'RESERVED_NAME'],
      ['input.secrets.0.value', 'INVALID'],
      ['input.secrets.1.name', 'INVALID'],
    ]);
    expect(JSON.stringify(result.userErrors)).not.toContain('hunter2');
  });

  it('needs something to do', () => {
    const result = envChangesOf({ webrootId: 'x' });
    expect('userErrors' in result && result.userErrors[0]!.code).toBe('REQUIRED');
  });
});
