import { describe, expect, it } from 'vitest';
import { DatabaseError } from '@hostplane/contract/data-stores';
import { toMysqlHost } from '@hostplane/contract/data-stores/validate';

describe('toMysqlHost', () => {
  it.each([
    ['%', '%'],
    ['localhost', 'localhost'],
    ['10.1.2.3', '10.1.2.3'],
    ['10.1.2.3/32', '10.1.2.3'],
    ['10.1.2.3/8', '10.0.0.0/255.0.0.0'],
    ['192.168.77.9/20', '192.168.64.0/255.255.240.0'],
    ['0.0.0.0/0', '%'],
    ['10.0.0.0/255.255.0.0', '10.0.0.0/255.255.0.0'],
    ['10.1.%', '10.1.%'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::1', '::1'],
  ])('%s → %s', (rule, host) => {
    expect(toMysqlHost(rule)).toBe(host);
  });

  it.each([
    "10.0.0.1' OR '1",
    'example.com',
    '%.example.com',
    '256.1.1.1',
    '10.0.0.0/33',
    '10.0.0.0/255.0.255.0',
    '01.2.3.4',
    'fd00::/64',
    '1::2::3',
    '',
    '10.%.1.%',
  ])('refuses %j', (rule) => {
    expect(() => toMysqlHost(rule)).toThrow(DatabaseError);
  });
});
