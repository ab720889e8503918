import { describe, expect, it } from 'vitest';
import { canonicalCidr, parseDestination } from './destination.js';

describe('egress destinations', () => {
  it('stores one canonical form of a network: prefix added, host bits cleared, IPv6 compressed', () => {
    const cases: Array<[string, string]> = [
      ['198.51.100.7', '198.51.100.7/32'],
      [' 198.51.100.7/32 ', '198.51.100.7/32'],
      ['10.1.2.3/8', '10.0.0.0/8'],
      ['0.0.0.0/0', '0.0.0.0/0'],
      ['203.0.113.200/0', '0.0.0.0/0'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1/128'],
      ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128'],
      ['2001:db8:abcd:12::/32', '2001:db8::/32'],
      ['::/0', '::/0'],
      ['::1', '::1/128'],
      ['::ffff:192.0.2.1', '::ffff:c000:201/128'],
      ['fe80::/10', 'fe80::/10'],
    ];
    expect(cases.map(([input]) => canonicalCidr(input))).toEqual(cases.map(([, want]) => want));
  });

  it('refuses what is not an address or network of either family', () => {
    const bad = [
      '',
      'example.com',
      '10.0.0.256',
      '010.0.0.1',
      '10.0.0/8',
      '10.0.0.0/33',
      '10.0.0.0/8/8',
      '10.0.0.0/-1',
      '10.0.0.0/',
      '2001:db8::/129',
      'fe80::1%eth0',
      '2001:db8:::1',
      '10.0.0.1 tcp dport 22 accept',
      '10.0.0.0/8; flush ruleset',
    ];
    expect(bad.filter((input) => canonicalCidr(input) !== null)).toEqual([]);
  });

  it('takes one port or a range, defaults to every port of every protocol', () => {
    expect(parseDestination({ cidr: '192.0.2.1' })).toEqual({
      destination: { cidr: '192.0.2.1/32', protocol: 'ANY', portFrom: null, portTo: null },
    });
    expect(parseDestination({ cidr: '192.0.2.1', protocol: 'TCP', portFrom: 443 })).toEqual({
      destination: { cidr: '192.0.2.1/32', protocol: 'TCP', portFrom: 443, portTo: 443 },
    });
    expect(parseDestination({ cidr: '::/0', protocol: 'UDP', portFrom: 1000, portTo: 2000 })).toEqual({
      destination: { cidr: '::/0', protocol: 'UDP', portFrom: 1000, portTo: 2000 },
    });
  });

  it('names every field at fault', () => {
    const fields = (input: Parameters<typeof parseDestination>[0]) => {
      const parsed = parseDestination(input);
      return 'problems' in parsed ? parsed.problems.map((p) => p.field) : [];
    };
    expect(fields({ cidr: 'x', portFrom: 0 })).toEqual(['cidr', 'portFrom']);
    expect(fields({ cidr: '192.0.2.1', portFrom: 443, portTo: 80 })).toEqual(['portTo']);
    expect(fields({ cidr: '192.0.2.1', portTo: 80 })).toEqual(['portFrom']);
    expect(fields({ cidr: '192.0.2.1', portFrom: 1, portTo: 65_536 })).toEqual(['portTo']);
    expect(fields({ cidr: '192.0.2.1', portFrom: 1.5 })).toEqual(['portFrom']);
  });
});
