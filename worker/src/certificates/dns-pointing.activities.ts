// Automatic TLS "once its DNS points here": an ACME HTTP-01 order for a name whose DNS points
// elsewhere can only fail (the CA asks the other host) and burns the CA's rate limits, so the
// first issuance waits until the name resolves to its cluster's load balancers. Asked from the
// control plane through the resolvers the operator names (as hostname proofs are).
import type { Resolver } from 'node:dns/promises';
import type { Db } from '@hostplane/server/db';
import { resolverOf } from '../activities/hostname-control.activities.js';

export interface DnsPointingConfig {
  /** `host` or `host:port` of the resolvers to ask; empty: the machine's own. */
  resolvers: string[];
  /** The longest pause between two looks (the wait backs off up to this). */
  pollSeconds: number;
  /** How long a certificate waits before it ends FAILED (its retry waits again). */
  giveUpSeconds: number;
}

export type DnsPointingCheck =
  /** `by`: what showed it, for the step message. */
  | { outcome: 'HERE'; by: string }
  /** The certificate no longer waits (unbound, TLS mode changed, going). */
  | { outcome: 'GONE' }
  | {
      outcome: 'WAITING';
      hostname: string;
      /** The load balancer addresses the name must resolve to. */
      wanted: string[];
      /** What DNS answered instead. */
      seen: string;
      pollSeconds: number;
      giveUpSeconds: number;
    };

/** `a.b.example.com` → itself and every parent name: the zones that could hold it. */
const namesAbove = (hostname: string) => hostname.split('.').map((_, i, labels) => labels.slice(i).join('.'));

async function addressesOf(resolver: Resolver, hostname: string): Promise<{ addresses: string[]; seen: string }> {
  const look = (family: 'A' | 'AAAA') =>
    (family === 'A' ? resolver.resolve4(hostname) : resolver.resolve6(hostname)).catch(
      (error: NodeJS.ErrnoException) => (error.code === 'ENOTFOUND' || error.code === 'ENODATA' ? [] : error.code),
    );
  const [v4, v6] = await Promise.all([look('A'), look('AAAA')]);
  const addresses = [...(Array.isArray(v4) ? v4 : []), ...(Array.isArray(v6) ? v6 : [])];
  const failed = [v4, v6].filter((r): r is string => typeof r === 'string');
  const seen = addresses.length
    ? addresses.join(', ')
    : failed.length
      ? `DNS answered ${failed.join(', ')}`
      : 'no A or AAAA record';
  return { addresses, seen };
}

export function createDnsPointingActivities({ db, config }: { db: Db; config: DnsPointingConfig }) {
  const resolver = resolverOf(config.resolvers);

  return {
    /**
     * Does the certificate's name point at its cluster's load balancers? At once when it was
     * issued before (a renewal), or when a zone of its tenant held here covers it (the platform
     * writes its managed A/AAAA); else when every A/AAAA DNS answers is one of those addresses.
     */
    async checkDnsPointsHere(certificateId: string): Promise<DnsPointingCheck> {
      const row = await db.certificate.findUnique({
        where: { id: certificateId },
        select: {
          status: true,
          source: true,
          certificatePem: true,
          fqdn: {
            select: {
              hostname: true,
              status: true,
              tlsMode: true,
              tenantId: true,
              webroot: { select: { tenant: { select: { shard: { select: { clusterId: true } } } } } },
            },
          },
        },
      });
      if (!row || row.status === 'DELETING' || row.status === 'DELETED') return { outcome: 'GONE' };
      const { fqdn } = row;
      if (row.source !== 'AUTOMATIC' || fqdn.tlsMode !== 'AUTOMATIC' || fqdn.status !== 'ACTIVE')
        return { outcome: 'GONE' };
      if (row.certificatePem) return { outcome: 'HERE', by: 'an earlier issuance' };
      const zone = await db.dnsZone.findFirst({
        where: { tenantId: fqdn.tenantId, status: 'ACTIVE', name: { in: namesAbove(fqdn.hostname) } },
        select: { name: true },
      });
      if (zone) return { outcome: 'HERE', by: `its zone ${zone.name}, held here` };
      const lb = await db.clusterLbAddress.findMany({
        where: { clusterId: fqdn.webroot.tenant.shard.clusterId },
        select: { address: true },
        orderBy: { address: 'asc' },
      });
      const wanted = lb.map((a) => a.address);
      const { addresses, seen } = await addressesOf(resolver, fqdn.hostname);
      if (addresses.length > 0 && addresses.every((a) => wanted.includes(a)))
        return { outcome: 'HERE', by: `its DNS (${seen})` };
      return {
        outcome: 'WAITING',
        hostname: fqdn.hostname,
        wanted,
        seen,
        pollSeconds: config.pollSeconds,
        giveUpSeconds: config.giveUpSeconds,
      };
    },
  };
}

export type DnsPointingActivities = ReturnType<typeof createDnsPointingActivities>;
