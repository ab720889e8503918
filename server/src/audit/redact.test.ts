import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact.js';

describe('redactSecrets', () => {
  it('redacts secret-looking fields at any depth and keeps the rest', () => {
    const input = {
      input: {
        name: 'db_abc_admin',
        password: 'hunter2',
        nested: [{ secretKey: 's3', privateKey: 'pk', apiKeyId: 'keep-me', token: 't' }],
        brandId: 'b1',
      },
    };
    expect(redactSecrets(input)).toEqual({
      input: {
        name: 'db_abc_admin',
        password: REDACTED,
        nested: [{ secretKey: REDACTED, privateKey: REDACTED, apiKeyId: 'keep-me', token: REDACTED }],
        brandId: 'b1',
      },
    });
    expect(JSON.stringify(redactSecrets(input))).not.toMatch(/hunter2|s3"|pk"/);
  });
});

describe('redactSecrets on name/value entries', () => {
  it('keeps php.ini directive names and their ordinary values (a `key` field is a name, not a secret)', () => {
    const input = { input: { php: { phpValues: [{ key: 'memory_limit', value: '256M' }] } } };
    expect(redactSecrets(input)).toEqual(input);
  });

  it('redacts the value of an entry whose name says it is a secret, and keeps the name', () => {
    const input = {
      phpAdminValues: [
        { key: 'session.save_path', value: 'tcp://127.0.0.1:6379?auth=hunter2' },
        { key: 'mysqli.default_pw', value: 'x' },
        { key: 'smtp_password', value: 'hunter3' },
      ],
      env: [{ name: 'STRIPE_SECRET', value: 'sk_live' }],
    };
    expect(redactSecrets(input)).toEqual({
      phpAdminValues: [
        { key: 'session.save_path', value: REDACTED },
        { key: 'mysqli.default_pw', value: REDACTED },
        { key: 'smtp_password', value: REDACTED },
      ],
      env: [{ name: 'STRIPE_SECRET', value: REDACTED }],
    });
  });
});
