// Records in the run's PowerDNS (e2e/src/harness/powerdns.ts), the way a customer publishes them
// at their DNS host: what the worker then finds when it looks for a host name's TXT challenge.
import { getPlatform } from '../harness/platform.js';

async function api(method: string, path: string, body?: unknown): Promise<void> {
  const { dnsApiUrl, dnsApiKey } = getPlatform();
  const response = await fetch(`${dnsApiUrl}${path}`, {
    method,
    headers: { 'X-API-Key': dnsApiKey, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PowerDNS ${method} ${path}: ${response.status} ${await response.text()}`);
}

const dot = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** Creates zone `zone` (e.g. `shop-1a2b.test`) with no records. */
export function createZone(zone: string): Promise<void> {
  return api('POST', '/zones', { name: dot(zone), kind: 'Native', nameservers: [] });
}

/** Sets (or, with no values, removes) the TXT records at `name` in `zone`. */
export function setTxt(zone: string, name: string, values: string[]): Promise<void> {
  const rrset =
    values.length > 0
      ? {
          name: dot(name),
          type: 'TXT',
          ttl: 1,
          changetype: 'REPLACE',
          records: values.map((v) => ({ content: JSON.stringify(v), disabled: false })),
        }
      : { name: dot(name), type: 'TXT', changetype: 'DELETE' };
  return api('PATCH', `/zones/${dot(zone)}`, { rrsets: [rrset] });
}
