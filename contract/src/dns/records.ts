// What a DNS record may be, checked the same way by the API (field userErrors before anything is
// written) and by the node agent (before PowerDNS sees it). Turns a record's fields into
// PowerDNS's content form. Uses node:net, so it is plumbing: workflows never load it.
import { isIPv4, isIPv6 } from 'node:net';
import { DNS_RECORD_TYPES, type DnsRecordTypeName } from './index.js';

/** A record as a user gives it; which fields count depends on the type. */
export interface DnsRecordFields {
  /** `@` or empty for the apex, `www` (relative to the zone) or `www.example.com.` (absolute). */
  name: string;
  type: string;
  ttl?: number | null;
  /** A/AAAA address, CNAME/NS/MX/SRV target host name, TXT text, CAA value. */
  value: string;
  /** MX and SRV. */
  priority?: number | null;
  /** SRV. */
  weight?: number | null;
  /** SRV. */
  port?: number | null;
  /** CAA flags (0 or 128). */
  flags?: number | null;
  /** CAA tag: issue, issuewild, iodef. */
  tag?: string | null;
}

/** A record that passed: absolute name, the type, TTL and PowerDNS content. */
export interface ValidDnsRecord {
  name: string;
  type: DnsRecordTypeName;
  ttl: number;
  content: string;
}

export interface DnsFieldProblem {
  field: keyof DnsRecordFields;
  message: string;
}

export const DEFAULT_TTL = 3600;
export const MIN_TTL = 30;
export const MAX_TTL = 604_800;
/** TXT text longer than this is refused (a DNS message stays far below 64 KiB). */
export const MAX_TXT_LENGTH = 4_000;
/** One character-string of a TXT record: at most 255 bytes (RFC 1035 §3.3). */
export const TXT_CHUNK = 255;
const CAA_TAGS = ['issue', 'issuewild', 'iodef'];

const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/** A DNS name of labels (letters, digits, hyphen, underscore), lowercase, without the trailing dot. */
export function isDnsName(name: string): boolean {
  return name.length > 0 && name.length <= 253 && name.split('.').every((l) => LABEL.test(l));
}

/** `Example.COM.` → `example.com` (lowercase, no trailing dot). */
export const bareName = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

/** `example.com` → `example.com.` (PowerDNS's absolute form). */
export const absolute = (name: string) => `${bareName(name)}.`;

/** The record's owner name, absolute without the dot, or a problem. `*` only as the first label. */
function ownerName(zone: string, raw: string): string | { problem: string } {
  const given = raw.trim().toLowerCase();
  let name: string;
  if (given === '' || given === '@') name = zone;
  else if (given.endsWith('.')) name = given.slice(0, -1);
  else name = `${given}.${zone}`;
  const plain = name.startsWith('*.') ? name.slice(2) : name;
  if (!isDnsName(plain)) return { problem: `"${raw.slice(0, 100)}" is not a DNS name (letters, digits, - and _).` };
  if (name !== zone && !name.endsWith(`.${zone}`)) return { problem: `${name} is not inside the zone ${zone}.` };
  return name;
}

function target(raw: string): string | null {
  const name = bareName(raw);
  return isDnsName(name) && name.includes('.') ? `${name}.` : null;
}

const u16 = (n: number | null | undefined) => n != null && Number.isInteger(n) && n >= 0 && n <= 65_535;
const printableAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** TXT text as PowerDNS content: quoted strings of at most 255 bytes, `"` and `\` escaped. */
export function txtContent(text: string): string {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += TXT_CHUNK) chunks.push(text.slice(at, at + TXT_CHUNK));
  if (chunks.length === 0) chunks.push('');
  return chunks.map((c) => `"${c.replace(/[\\"]/g, (m) => `\\${m}`)}"`).join(' ');
}

/** The content of a record of `type`, or the problem at its field. */
function contentOf(type: DnsRecordTypeName, f: DnsRecordFields): string | DnsFieldProblem {
  const value = f.value.trim();
  const bad = (field: keyof DnsRecordFields, message: string): DnsFieldProblem => ({ field, message });
  switch (type) {
    case 'A':
      return isIPv4(value) ? value : bad('value', `An A record holds an IPv4 address, not "${value.slice(0, 60)}".`);
    case 'AAAA':
      return isIPv6(value) ? value.toLowerCase() : bad('value', `An AAAA record holds an IPv6 address.`);
    case 'CNAME':
    case 'NS':
      return target(value) ?? bad('value', `${type} points at a host name (e.g. host.example.net).`);
    case 'MX': {
      if (!u16(f.priority)) return bad('priority', 'MX needs a priority from 0 to 65535.');
      const host = value === '.' ? '.' : target(value);
      return host ? `${f.priority} ${host}` : bad('value', 'MX points at a mail server host name.');
    }
    case 'SRV': {
      if (!u16(f.priority)) return bad('priority', 'SRV needs a priority from 0 to 65535.');
      if (!u16(f.weight)) return bad('weight', 'SRV needs a weight from 0 to 65535.');
      if (!u16(f.port)) return bad('port', 'SRV needs a port from 0 to 65535.');
      const host = value === '.' ? '.' : target(value);
      return host ? `${f.priority} ${f.weight} ${f.port} ${host}` : bad('value', 'SRV points at a host name.');
    }
    case 'TXT':
      if (!printableAscii(f.value)) return bad('value', 'TXT text must be printable ASCII.');
      if (f.value.length > MAX_TXT_LENGTH) return bad('value', `TXT text is at most ${MAX_TXT_LENGTH} characters.`);
      return txtContent(f.value);
    case 'CAA': {
      const flags = f.flags ?? 0;
      if (flags !== 0 && flags !== 128) return bad('flags', 'CAA flags are 0 or 128 (critical).');
      const tag = (f.tag ?? '').trim().toLowerCase();
      if (!CAA_TAGS.includes(tag)) return bad('tag', `CAA tag is one of ${CAA_TAGS.join(', ')}.`);
      if (!printableAscii(value) || value.includes('"') || value.length > 255)
        return bad('value', 'CAA value is printable ASCII without quotes, at most 255 characters.');
      return `${flags} ${tag} "${value}"`;
    }
  }
}

/**
 * Checks a record against its zone (`example.com`, no dot) and answers it in PowerDNS's form,
 * or the problems, each at its field. What needs the zone's other records (CNAME exclusivity)
 * is the API's to check.
 */
export function validateDnsRecord(zone: string, f: DnsRecordFields): ValidDnsRecord | { problems: DnsFieldProblem[] } {
  const problems: DnsFieldProblem[] = [];
  const type = f.type.trim().toUpperCase() as DnsRecordTypeName;
  if (!DNS_RECORD_TYPES.includes(type)) {
    return { problems: [{ field: 'type', message: `Type is one of ${DNS_RECORD_TYPES.join(', ')}.` }] };
  }
  const name = ownerName(zone, f.name);
  if (typeof name !== 'string') problems.push({ field: 'name', message: name.problem });
  else if (name === zone && (type === 'CNAME' || type === 'NS'))
    problems.push({
      field: 'name',
      message:
        type === 'CNAME'
          ? 'No CNAME at the zone apex: it would hide the SOA and NS.'
          : 'The apex NS records are the platform’s name servers; NS records delegate names below the apex.',
    });
  else if (type === 'SRV' && !/^_[a-z0-9-]+\._(tcp|udp|tls|sctp)\./.test(`${name}.`))
    problems.push({ field: 'name', message: 'An SRV name starts with _service._proto (e.g. _sip._tcp).' });
  const ttl = f.ttl ?? DEFAULT_TTL;
  if (!Number.isInteger(ttl) || ttl < MIN_TTL || ttl > MAX_TTL)
    problems.push({ field: 'ttl', message: `TTL is from ${MIN_TTL} to ${MAX_TTL} seconds.` });
  const content = contentOf(type, f);
  if (typeof content !== 'string') problems.push(content);
  if (problems.length || typeof name !== 'string' || typeof content !== 'string') return { problems };
  return { name, type, ttl, content };
}

/**
 * A zone a tenant may hold: a DNS name of at least two labels that is not a public suffix a
 * registry hands out names under (a short list of the common second-level ones).
 */
export function zoneNameProblem(name: string): string | null {
  if (!isDnsName(name) || name.includes('_') || name.startsWith('*'))
    return `"${name.slice(0, 100)}" is not a domain name.`;
  if (!name.includes('.')) return 'A zone has at least two labels (example.com): a top-level domain is not held here.';
  if (PUBLIC_SUFFIXES.has(name)) return `${name} is a public suffix: names are registered under it.`;
  return null;
}

const PUBLIC_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'ltd.uk',
  'plc.uk',
  'net.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'net.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'co.za',
  'org.za',
  'com.br',
  'net.br',
  'org.br',
  'com.cn',
  'net.cn',
  'org.cn',
  'co.in',
  'net.in',
  'org.in',
  'com.mx',
  'com.ar',
  'com.tr',
  'co.kr',
  'or.kr',
  'com.sg',
  'com.hk',
  'com.tw',
  'co.il',
  'com.pl',
  'co.at',
  'or.at',
  'github.io',
  'herokuapp.com',
  'vercel.app',
  'netlify.app',
  'pages.dev',
  'blogspot.com',
]);
