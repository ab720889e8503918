// A hosted zone's apex as the platform writes it: the SOA and NS of the brand that serves it.
import type { DnsRrset } from '@hostplane/contract/dns';

const APEX_TTL = 3600;

/** `hostmaster@example.com` → `hostmaster.example.com.` (dots of the local part escaped, RFC 1035 §8). */
export const soaMailbox = (email: string) => {
  const [local = 'hostmaster', domain = 'invalid'] = email.split('@');
  return `${local.replace(/\./g, '\\.')}.${domain}.`;
};

/** SOA (serial 0: PowerDNS's to bump) and NS of `apex` (`example.com.`) from the brand's name servers and hostmaster. */
export function apexRrsets(apex: string, brand: { nsHostnames: string[]; hostmasterEmail: string }): DnsRrset[] {
  const primary = `${brand.nsHostnames[0] ?? 'localhost'}.`;
  return [
    {
      name: apex,
      type: 'SOA',
      ttl: APEX_TTL,
      records: [`${primary} ${soaMailbox(brand.hostmasterEmail)} 0 10800 3600 604800 3600`],
    },
    { name: apex, type: 'NS', ttl: APEX_TTL, records: brand.nsHostnames.map((n) => `${n}.`) },
  ];
}
