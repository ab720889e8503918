// The address a request comes from, for the failed-authentication throttle. Behind the panel's
// proxy (or a load balancer) every request arrives from the proxy: only a proxy the operator
// names (API_TRUSTED_PROXIES) is believed about whom it forwards for, so a client elsewhere
// cannot pick a fresh address per guess by writing its own X-Forwarded-For.
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/** Parses "127.0.0.1, ::1, 10.0.0.0/8" into a list; throws naming the first bad entry. */
export function parseTrustedProxies(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (!family || !bitsOk || rest.length > 0) throw new Error(`not an IP address or CIDR: ${JSON.stringify(entry)}`);
  }
  return entries;
}

/** `of(request)`: the client's address, through the trusted proxies' X-Forwarded-For. */
export function clientAddresses(trusted: readonly string[]) {
  const list = new BlockList();
  for (const entry of trusted) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const isTrusted = (address: string) => {
    const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
  return {
    of(request: IncomingMessage): string | undefined {
      const remote = request.socket.remoteAddress;
      if (!remote || trusted.length === 0 || !isTrusted(remote)) return remote;
      const header = request.headers['x-forwarded-for'];
      const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
        .split(',')
        .map((hop) => hop.trim())
        .filter((hop) => isIP(hop.replace(/^::ffff:/, '')) !== 0);
      // Right to left: each trusted hop vouches for the one before it; the first it cannot is the client.
      let client = remote;
      for (let i = hops.length - 1; i >= 0 && isTrusted(client); i--) client = hops[i]!;
      return client;
    },
  };
}

export type ClientAddresses = ReturnType<typeof clientAddresses>;
