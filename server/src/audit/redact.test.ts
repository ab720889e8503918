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
