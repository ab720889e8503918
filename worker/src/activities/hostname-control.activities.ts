// Proof of control of a host name (hostname squatting, SECURITY.md): a binding that needs it
// routes only once DNS publishes its challenge. DNS is asked from the control plane (the worker),
// through the resolvers the operator names, never through a node a tenant shares.
import { Resolver } from 'node:dns/promises';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import { hostnameChallenge } from '@hostplane/server/temporal';
import { zoneProvingControl } from '../dns/zone-proof.js';

export interface HostnameControlConfig {
  /** `host` or `host:port` of the resolvers to ask; empty: the machine's own. */
  resolvers: string[];
  /** How long a waiting bind sleeps between two looks (its workflow backs off up to this). */
  pollSeconds: number;
  /** How long a bind waits for the record before it ends FAILED (retry waits again). */
  giveUpSeconds: number;
}

export type HostnameControlCheck =
  /** `by`: what proved it, for the step message. */
  | { outcome: 'VERIFIED'; by?: string }
  /** The binding is no longer waiting (unbound meanwhile, or the row is gone). */
  | { outcome: 'GONE' }
  /** Another binding of the name proved control first. */
  | { outcome: 'TAKEN'; hostname: string }
  | {
      outcome: 'WAITING';
      hostname: string;
      record: { name: string; value: string };
      /** What DNS answered instead, for the step message. */
      seen: string;
      pollSeconds: number;
      giveUpSeconds: number;
    };

const WAITING_STATUSES = new Set(['PENDING', 'FAILED']);

/** TXT strings at `name`, each record's chunks joined (RFC 7208 §3.3); none when it has none. */
async function txtRecords(resolver: Resolver, name: string): Promise<{ texts: string[]; seen: string }> {
  try {
    const texts = (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    return { texts, seen: texts.length ? `TXT ${texts.map((t) => JSON.stringify(t)).join(', ')}` : 'no TXT record' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // ENOTFOUND / ENODATA are the normal "not there yet"; anything else (SERVFAIL, timeout) is
    // said as it is, and the next look tries again.
    return { texts: [], seen: code === 'ENOTFOUND' || code === 'ENODATA' ? 'no TXT record' : `DNS answered ${code}` };
  }
}

/** A resolver asking `servers` (`host` or `host:port`); none: the machine's own. */
export function resolverOf(servers: string[]): Resolver {
  const resolver = new Resolver({ timeout: 3_000, tries: 2 });
  if (servers.length > 0) resolver.setServers(servers);
  return resolver;
}

export function createHostnameControlActivities({ db, config }: { db: Db; config: HostnameControlConfig }) {
  const resolver = resolverOf(config.resolvers);

  return {
    /**
     * Is control of the FQDN's host name proven? Records the proof (`verifiedAt`) the first time
     * DNS shows it; idempotent, and a proof once recorded is never asked for again.
     */
    async checkHostnameControl(fqdnId: string): Promise<HostnameControlCheck> {
      const fqdn = await db.fqdn.findUnique({
        where: { id: fqdnId },
        select: { hostname: true, status: true, verificationToken: true, verifiedAt: true, tenantId: true },
      });
      if (!fqdn || !WAITING_STATUSES.has(fqdn.status)) return { outcome: 'GONE' };
      if (fqdn.verifiedAt) return { outcome: 'VERIFIED' };
      // Fail closed: a binding the API left without proof and without a token never routes.
      if (!fqdn.verificationToken) {
        throw ApplicationFailure.nonRetryable(`${fqdn.hostname} has no verification token`, 'HostnameUnverifiable');
      }
      const taken = { outcome: 'TAKEN' as const, hostname: fqdn.hostname };
      const proven = { hostname: fqdn.hostname, verifiedAt: { not: null }, status: { not: 'DELETED' as const } };
      if (await db.fqdn.findFirst({ where: { ...proven, id: { not: fqdnId } }, select: { id: true } })) return taken;
      const record = hostnameChallenge(fqdn.hostname, fqdn.verificationToken);
      const { texts, seen } = await txtRecords(resolver, record.name);
      // Or a zone of the tenant here that the world's DNS delegates to its brand (issue 12).
      const zone = texts.includes(record.value) ? null : await zoneProvingControl(db, resolver, fqdn);
      if (zone || texts.includes(record.value)) {
        try {
          await db.fqdn.updateMany({ where: { id: fqdnId, verifiedAt: null }, data: { verifiedAt: new Date() } });
        } catch (error) {
          // The partial unique index: another binding of the name was proven in between.
          if ((error as { code?: string }).code === 'P2002') return taken;
          throw error;
        }
        return { outcome: 'VERIFIED', by: zone ? `its zone ${zone}, delegated here` : 'its TXT record' };
      }
      return {
        outcome: 'WAITING',
        hostname: fqdn.hostname,
        record,
        seen,
        pollSeconds: config.pollSeconds,
        giveUpSeconds: config.giveUpSeconds,
      };
    },
  };
}

export type HostnameControlActivities = ReturnType<typeof createHostnameControlActivities>;
