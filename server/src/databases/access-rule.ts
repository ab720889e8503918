import { toMysqlHost } from '@hostplane/contract/data-stores/validate';

const IPV4_OR_CIDR = /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-fA-F:]{2,39}$/;

/**
 * The rule as stored (trimmed, IPv6 lower-cased), or null when it is not an IPv4 address, IPv4
 * CIDR or IPv6 address. MariaDB's own patterns (`%`, `10.1.%`, `localhost`) are not accepted from
 * tenants: the shard's internal network is the default, rules only add explicit networks.
 */
export function parseAccessRule(input: string): string | null {
  const text = input.trim();
  if (!IPV4_OR_CIDR.test(text) && !IPV6.test(text)) return null;
  try {
    // The exact check the node agent applies. A /0 network is MariaDB's `%` by another name.
    if (toMysqlHost(text) === '%') return null;
  } catch {
    return null;
  }
  return IPV6.test(text) ? text.toLowerCase() : text;
}
