import { describe, expect, it } from 'vitest';
import { txtContent, validateDnsRecord, zoneNameProblem } from './records.js';

const zone = 'example.com';
const fieldsOf = (result: ReturnType<typeof validateDnsRecord>) =>
  'problems' in result ? result.problems.map((p) => p.field) : [];

describe('DNS record validation (API and agent)', () => {
  it('turns each type into PowerDNS content with absolute names', () => {
    expect(validateDnsRecord(zone, { name: '@', type: 'mx', value: 'Mail.Example.NET', priority: 10 })).toEqual({
      name: 'example.com',
      type: 'MX',
      ttl: 3600,
      content: '10 mail.example.net.',
    });
    expect(validateDnsRecord(zone, { name: 'www', type: 'AAAA', value: '2001:DB8::1', ttl: 60 })).toMatchObject({
      name: 'www.example.com',
      content: '2001:db8::1',
      ttl: 60,
    });
    expect(
      validateDnsRecord(zone, {
        name: '_sip._tcp',
        type: 'SRV',
        value: 'sip.example.net',
        priority: 1,
        weight: 2,
        port: 5060,
      }),
    ).toMatchObject({ content: '1 2 5060 sip.example.net.' });
    expect(
      validateDnsRecord(zone, { name: 'www.example.com.', type: 'CAA', value: 'letsencrypt.org', tag: 'Issue' }),
    ).toMatchObject({
      name: 'www.example.com',
      content: '0 issue "letsencrypt.org"',
    });
    expect(validateDnsRecord(zone, { name: '*.dev', type: 'A', value: '192.0.2.1' })).toMatchObject({
      name: '*.dev.example.com',
    });
  });

  it('splits TXT into quoted strings of at most 255 bytes, escaping quotes and backslashes', () => {
    const text = `${'a'.repeat(255)}b"c\\`;
    expect(txtContent(text)).toBe(`"${'a'.repeat(255)}" "b\\"c\\\\"`);
    expect(txtContent('')).toBe('""');
  });

  it('names the field at fault', () => {
    expect(fieldsOf(validateDnsRecord(zone, { name: 'www', type: 'A', value: '1.2.3' }))).toEqual(['value']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'www.other.org.', type: 'A', value: '192.0.2.1' }))).toEqual([
      'name',
    ]);
    expect(fieldsOf(validateDnsRecord(zone, { name: '@', type: 'CNAME', value: 'x.example.net' }))).toEqual(['name']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'a b', type: 'A', value: '192.0.2.1' }))).toEqual(['name']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'www', type: 'SPF', value: 'x' }))).toEqual(['type']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'www', type: 'TXT', value: 'x', ttl: 10 }))).toEqual(['ttl']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'www', type: 'TXT', value: 'line\nbreak' }))).toEqual(['value']);
    expect(fieldsOf(validateDnsRecord(zone, { name: 'x', type: 'CAA', value: 'ca"evil', tag: 'issue' }))).toEqual([
      'value',
    ]);
    expect(
      fieldsOf(validateDnsRecord(zone, { name: 'x', type: 'CAA', value: 'ca.example', tag: 'issue', flags: 3 })),
    ).toEqual(['flags']);
  });

  it('holds zones of two labels or more that are not public suffixes', () => {
    expect(zoneNameProblem('example.com')).toBeNull();
    expect(zoneNameProblem('shop.example.co.uk')).toBeNull();
    expect(zoneNameProblem('com')).toMatch(/two labels/);
    expect(zoneNameProblem('co.uk')).toMatch(/public suffix/);
    expect(zoneNameProblem('_x.example.com')).toMatch(/not a domain/);
  });
});
