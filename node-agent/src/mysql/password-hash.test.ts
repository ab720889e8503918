import { createConnection } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { MYSQL_NATIVE_HASH_PATTERN, mysqlNativePasswordHash } from '@hostplane/contract/data-stores/validate';

describe('mysqlNativePasswordHash', () => {
  it('matches a known PASSWORD() vector', () => {
    // MariaDB 10.11: SELECT PASSWORD('x')
    expect(mysqlNativePasswordHash('x')).toBe('*B69027D44F6E5EDC07F1AEAD1477967B16F28227');
    expect(mysqlNativePasswordHash('x')).toMatch(MYSQL_NATIVE_HASH_PATTERN);
  });

  it('agrees with the real server for a non-ASCII password', async () => {
    const conn = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
    try {
      const password = 'pä$$ wörd 🔑';
      const [rows] = await conn.query('SELECT PASSWORD(?) AS h', [password]);
      expect(mysqlNativePasswordHash(password)).toBe((rows as Array<{ h: string }>)[0]?.h);
    } finally {
      await conn.end();
    }
  });
});
