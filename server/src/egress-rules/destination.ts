// What a tenant may name as an egress destination, in the one canonical form the table's unique
// index and the node agent's nft rules see: `198.51.100.7` and `198.51.100.7/32` are one rule,
// host bits are cleared (`10.1.2.3/8` is `10.0.0.0/8`), IPv6 is lower-case and compressed.
//
// `/0` is allowed, unlike a database access rule (where it would become MariaDB's `%`, opening a
// database to the world): an egress rule only widens what the tenant's own processes may reach,
// and the egress floor is evaluated before any rule, so `0.0.0.0/0` port 443 ("HTTPS anywhere")
// still never reaches the control plane.
import { isIPv6 } from 'node:net';

export type EgressProtocolName = 'ANY' | 'TCP' | 'UDP';

/** A validated destination, as stored and as the node agent renders it. */
export interface EgressDestination {
  cidr: string;
  protocol: EgressProtocolName;
  portFrom: number | null;
  portTo: number | null;
}

/** Why an input was refused: the input field at fault and a message for people. */
export interface DestinationProblem {
  field: 'cidr' | 'portFrom' | 'portTo';
  message: string;
}

const CIDR_HELP =
  'cidr must be an IPv4 or IPv6 address or network: 203.0.113.7, 198.51.100.0/24, 2001:db8::/32 (0.0.0.0/0 or ::/0 for any address).';

/** The canonical network of an address or CIDR of either family, or null when it is neither. */
export function canonicalCidr(input: string): string | null {
  const [address = '', prefixText, ...rest] = input.trim().split('/');
  if (rest.length > 0 || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) return null;
  const v4 = ipv4Bits(address);
  if (v4 !== null) return network(v4, 32, prefixText, (bits) => ipv4Text(bits));
  const v6 = ipv6Bits(address);
  if (v6 !== null) return network(v6, 128, prefixText, (bits) => ipv6Text(bits));
  return null;
}

function network(bits: bigint, width: number, prefixText: string | undefined, text: (bits: bigint) => string) {
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (prefix > width) return null;
  const hostMask = (1n << BigInt(width - prefix)) - 1n;
  return `${text(bits & ~hostMask)}/${prefix}`;
}

function ipv4Bits(text: string): bigint | null {
  // No leading zeros: `010.0.0.1` is octal to some resolvers and decimal to others.
  const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
  const match = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`).exec(text);
  if (!match) return null;
  return match.slice(1).reduce((bits, part) => (bits << 8n) | BigInt(part), 0n);
}

function ipv4Text(bits: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join('.');
}

function ipv6Bits(text: string): bigint | null {
  // A zone (`fe80::1%eth0`) names an interface of one machine, not a destination.
  if (!isIPv6(text) || text.includes('%')) return null;
  let address = text.toLowerCase();
  const embedded = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (embedded) {
    const v4 = ipv4Bits(embedded[2]!);
    if (v4 === null) return null;
    address = `${embedded[1]}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  if (groups.length !== 8) return null;
  return groups.reduce((bits, group) => (bits << 16n) | BigInt(`0x${group}`), 0n);
}

/** RFC 5952: lower-case, no leading zeros, the longest run of two or more zero groups as `::`. */
function ipv6Text(bits: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((bits >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start === -1) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The destination of a create input, or every problem with it. */
export function parseDestination(input: {
  cidr: string;
  protocol?: EgressProtocolName | null;
  portFrom?: number | null;
  portTo?: number | null;
}): { destination: EgressDestination } | { problems: DestinationProblem[] } {
  const problems: DestinationProblem[] = [];
  const cidr = canonicalCidr(input.cidr);
  if (!cidr) problems.push({ field: 'cidr', message: CIDR_HELP });
  const isPort = (p: number) => Number.isInteger(p) && p >= 1 && p <= 65_535;
  const portFrom = input.portFrom ?? null;
  const portTo = input.portTo ?? portFrom;
  if (portFrom === null && portTo !== null)
    problems.push({ field: 'portFrom', message: 'portTo needs portFrom (the first port of the range).' });
  if (portFrom !== null && !isPort(portFrom))
    problems.push({ field: 'portFrom', message: 'portFrom must be a port from 1 to 65535.' });
  // portTo defaults to portFrom: only a portTo of the input's own is reported.
  if (input.portTo != null && !isPort(input.portTo))
    problems.push({ field: 'portTo', message: 'portTo must be a port from 1 to 65535.' });
  else if (portFrom !== null && portTo !== null && portTo < portFrom)
    problems.push({ field: 'portTo', message: 'portTo must not be below portFrom.' });
  if (problems.length > 0 || !cidr) return { problems };
  return { destination: { cidr, protocol: input.protocol ?? 'ANY', portFrom, portTo } };
}
