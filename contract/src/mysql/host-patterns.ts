// Pure (no Node built-ins): the control plane validates access rules with the same code the
// node agent uses to turn them into MariaDB account hosts.
import { DatabaseError } from './errors.js';

const OCTET = /^(0|[1-9][0-9]{0,2})$/;

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

function maskOf(bits: number): number[] {
  return [0, 1, 2, 3].map((i) => (0xff << (8 - Math.min(8, Math.max(0, bits - 8 * i)))) & 0xff);
}

/** Prefix length of a contiguous netmask, or null when the mask has holes. */
function prefixOfMask(mask: number[]): number | null {
  const bits = mask.map((o) => o.toString(2).padStart(8, '0')).join('');
  if (!/^1*0*$/.test(bits)) return null;
  const firstZero = bits.indexOf('0');
  return firstZero === -1 ? 32 : firstZero;
}

/** `a.b.c.d/len` → MariaDB's `network/netmask` form (the host part zeroed, as MariaDB needs). */
function fromCidr(ip: number[], bits: number): string {
  if (bits === 32) return ip.join('.');
  if (bits === 0) return '%';
  const mask = maskOf(bits);
  return `${ip.map((o, i) => o & (mask[i] ?? 0)).join('.')}/${mask.join('.')}`;
}

/** RFC 5952 text of an IPv6 address (how the server prints a client's address), or null. */
function normalizeIpv6(text: string): string | null {
  if (!/^[0-9a-fA-F:]{2,39}$/.test(text) || text.split('::').length > 2) return null;
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const hex = groups.map((g) => parseInt(g, 16).toString(16));
  // Compress the longest run (two or more) of zero groups, the first one on a tie.
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && hex[j] === '0') j++;
    if (j - i > best.length) best = { start: i, length: j - i };
  }
  if (best.start < 0) return hex.join(':');
  const before = hex.slice(0, best.start).join(':');
  const after = hex.slice(best.start + best.length).join(':');
  return `${before}::${after}`;
}

/**
 * Validates an access rule and returns the MariaDB account host it stands for: `%`,
 * `localhost`, an IPv4 address, an IPv4 CIDR (as `network/netmask`), a MariaDB IPv4 pattern
 * (`10.1.%`, `10.0.0.0/255.0.0.0`) or an IPv6 address. Hostnames and IPv6 prefixes are refused:
 * the server runs with skip-name-resolve and has no IPv6 netmask form.
 */
export function toMysqlHost(rule: string): string {
  const text = rule.trim();
  if (text === '%' || text === 'localhost') return text;
  const slash = text.split('/');
  const ip = parseIpv4(slash[0] ?? '');
  if (ip && slash.length === 1) return ip.join('.');
  if (ip && slash.length === 2) {
    const suffix = slash[1] ?? '';
    if (/^(0|[1-9][0-9]?)$/.test(suffix) && Number(suffix) <= 32) return fromCidr(ip, Number(suffix));
    const mask = parseIpv4(suffix);
    const bits = mask ? prefixOfMask(mask) : null;
    if (bits !== null) return fromCidr(ip, bits);
  }
  const wildcard = /^((0|[1-9][0-9]{0,2})\.){1,3}%$/.exec(text);
  if (
    wildcard &&
    text
      .slice(0, -2)
      .split('.')
      .every((o) => Number(o) <= 255)
  )
    return text;
  const v6 = normalizeIpv6(text);
  if (v6) return v6;
  throw new DatabaseError('InvalidDatabaseSpec', `invalid access rule "${rule}"`);
}
