import { describe, expect, it } from 'vitest';
import { parseAccessRule } from './access-rule.js';

describe('parseAccessRule', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 198.51.100.0/24 ', '198.51.100.0/24'],
    ['128.0.0.0/1', '128.0.0.0/1'],
    ['2001:DB8::1', '2001:db8::1'],
  ])('keeps %j as %j', (input, stored) => {
    expect(parseAccessRule(input)).toBe(stored);
  });

  // Rules add explicit networks; MariaDB's "anywhere" is not one, whichever way it is spelled.
  it.each(['%', '0.0.0.0/0', '10.1.2.3/0', '10.%', 'localhost', 'example.com', '300.1.1.1'])('refuses %j', (input) => {
    expect(parseAccessRule(input)).toBeNull();
  });
});
