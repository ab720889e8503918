// Records in the run's PowerDNS (e2e/src/harness/powerdns.ts), the way a customer publishes them
// at their DNS host: what the worker then finds when it looks for a host name's TXT challenge.
import { getPlatform, type Platform } from '../harness/platform.js';

/** The run's customer-DNS PowerDNS: the test run's, or the one a bench passes. */
type CustomerDns = Pick<Platform, 'dnsApiUrl' | 'dnsApiKey'>;

async function api(method: string, path: string, body?: unknown, at?: CustomerDns): Promise<void> {
  const { dnsApiUrl, dnsApiKey } = at ?? getPlatform();
  const response = await fetch(`${dnsApiUrl}${path}`, {
    method,
    headers: { 'X-API-Key': dnsApiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PowerDNS ${method} ${path}: ${response.status} ${await response.text()}`);
}

const dot = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** Creates zone `zone` (e.g. `shop-1a2b.test`) with no records. */
export function createZone(zone: string, at?: CustomerDns): Promise<void> {
  return api('POST', '/zones', { name: dot(zone), kind: 'Native', nameservers: [] }, at);
}

/** Sets the NS records at `name` in `zone`: the world delegating `name` to those name servers. */
export function setNs(zone: string, name: string, servers: string[]): Promise<void> {
  return api('PATCH', `/zones/${dot(zone)}`, {
    rrsets: [
      {
        name: dot(name),
        type: 'NS',
        ttl: 1,
        changetype: 'REPLACE',
        records: servers.map((s) => ({ content: dot(s), disabled: false })),
      },
    ],
  });
}

/** Sets (or, with no values, removes) the `type` records at `name` in `zone` (contents as PowerDNS writes them). */
function setRecords(zone: string, name: string, type: string, contents: string[], at?: CustomerDns): Promise<void> {
  const rrset =
    contents.length > 0
      ? {
          name: dot(name),
          type,
          ttl: 1,
          changetype: 'REPLACE',
          records: contents.map((content) => ({ content, disabled: false })),
        }
      : { name: dot(name), type, changetype: 'DELETE' };
  return api('PATCH', `/zones/${dot(zone)}`, { rrsets: [rrset] }, at);
}

/** Sets (or, with no values, removes) the TXT records at `name` in `zone`. */
export const setTxt = (zone: string, name: string, values: string[]) =>
  setRecords(
    zone,
    name,
    'TXT',
    values.map((v) => JSON.stringify(v)),
  );

/** Sets (or removes) the A records at `name` in `zone`. */
export const setA = (zone: string, name: string, addresses: string[], at?: CustomerDns) =>
  setRecords(zone, name, 'A', addresses, at);

/**
 * The world's DNS pointing `hostname` at the platform's load balancer (127.0.0.1 in tests): a
 * zone of its own holding its A record. What automatic TLS waits for before the first order.
 */
export async function pointHere(hostname: string, at?: CustomerDns, address = '127.0.0.1'): Promise<void> {
  await createZone(hostname, at);
  await setA(hostname, hostname, [address], at);
}
