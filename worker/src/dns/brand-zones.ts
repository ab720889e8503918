// A brand's own zone (its base hostname), written by the platform: SOA and NS from the brand, and
// each live tenant's service host names — `ssh.<tenant>.<base>` at the nodes of its shard, where
// its SSH and SFTP answer, and `<webroot>.<tenant>.<base>` of each webroot whose service hostname
// is on at its cluster's load balancer addresses. Not a tenant's resource: no status of its own;
// tenant and webroot create, update and delete and the DNS shard's convergence write it whole
// from the database.
import type { DnsRrset, DnsZoneSpec } from '@hostplane/contract/dns';
import type { Db } from '@hostplane/server/db';
import type { SshEndpoint } from '@hostplane/contract/ssh';
import { serviceHostname } from '@hostplane/server/temporal';
import { apexRrsets } from './soa.js';

const TTL = 300;
const dot = (name: string) => `${name}.`;

/** The brand's zone as the database says it now; null when the brand is gone. */
export async function brandZoneSpec(db: Db, brandId: string): Promise<DnsZoneSpec | null> {
  const brand = await db.brand.findUnique({
    where: { id: brandId },
    select: { baseHostname: true, nsHostnames: true, hostmasterEmail: true },
  });
  if (!brand) return null;
  const tenants = await db.tenant.findMany({
    where: { brandId, status: { notIn: ['DELETING', 'DELETED'] } },
    select: {
      name: true,
      shard: {
        select: {
          clusterId: true,
          nodes: { select: { node: { select: { ipAddress: true, sshEndpoint: true } } } },
        },
      },
      webroots: {
        where: { status: { notIn: ['DELETING', 'DELETED'] }, serviceHostnameEnabled: true },
        select: { name: true },
      },
    },
    orderBy: { name: 'asc' },
  });
  const lbAddresses = await db.clusterLbAddress.findMany({
    where: { clusterId: { in: [...new Set(tenants.map((t) => t.shard.clusterId))] } },
    select: { clusterId: true, address: true },
  });
  const apex = dot(brand.baseHostname);
  const services: DnsRrset[] = tenants.flatMap((t) => {
    const sshAddresses = t.shard.nodes
      .map(({ node }) => (node.sshEndpoint as unknown as SshEndpoint | null)?.address ?? node.ipAddress)
      .filter((a): a is string => !!a);
    const lb = lbAddresses.filter((a) => a.clusterId === t.shard.clusterId).map((a) => a.address);
    const tenantBase = `${t.name}.${brand.baseHostname}`.toLowerCase();
    return [
      ...addressRrsets(dot(`ssh.${tenantBase}`), sshAddresses),
      ...t.webroots.flatMap((w) => addressRrsets(dot(serviceHostname(w.name, t.name, brand.baseHostname)), lb)),
    ];
  });
  return {
    name: apex,
    dnssec: false,
    keys: [],
    rrsets: [...apexRrsets(apex, brand), ...services],
  };
}

/** The A and AAAA rrsets of `name` at `addresses` (none of a family: no rrset). */
function addressRrsets(name: string, addresses: string[]): DnsRrset[] {
  const v4 = [...new Set(addresses.filter((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)))].sort();
  const v6 = [...new Set(addresses.filter((a) => a.includes(':')))].sort();
  return [
    ...(v4.length ? [{ name, type: 'A' as const, ttl: TTL, records: v4 }] : []),
    ...(v6.length ? [{ name, type: 'AAAA' as const, ttl: TTL, records: v6 }] : []),
  ];
}
