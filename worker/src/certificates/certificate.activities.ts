// Control-plane activities of the certificate workflows (they run in the worker, next to
// PostgreSQL and the secrets master key): which certificate a name needs, the ACME order's two
// halves, the TLS spec the load balancers get (its key opened only into a sealed payload), and
// what the renewal schedule finds due.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '@hostplane/server/db';
import { appendEvent } from '@hostplane/server/events';
import { dataKeyOf, type SecretsVault } from '@hostplane/server/secrets';
import {
  certificateFacts,
  openCertificateKey,
  renewAfterOf,
  retryRenewalAt,
  sealCertificateKey,
} from '@hostplane/server/certificates';
import type { TlsSiteSpec } from '@hostplane/contract/certificates';
import { lbNodesOf } from '../activities/web-plans.js';
import { AcmeIssuer, type AcmeConfig, type PendingOrder } from './acme.js';

export interface CertificateActivityDeps {
  db: Db;
  /** Seals and opens certificate keys (HOSTPLANE_SECRETS_KEY); without it nothing is issued. */
  vault?: SecretsVault | undefined;
  /** Where certificates are ordered (ACME_DIRECTORY_URL); without it automatic TLS fails with a reason. */
  acme?: AcmeConfig | undefined;
}

/** What a certificate workflow acts on. */
export interface CertificatePlan {
  hostname: string;
  fqdnStatus: string;
  tlsMode: 'AUTOMATIC' | 'CUSTOM' | 'OFF';
  /** An ACME order is due: none yet, renewal time, or a renewal asked for. */
  needsIssuance: boolean;
  lbNodeIds: string[];
}

const refused = (message: string) => ApplicationFailure.nonRetryable(message, 'CertificateUnavailable');

export function createCertificateActivities({ db, vault, acme }: CertificateActivityDeps) {
  const issuer = vault && acme ? new AcmeIssuer(db, vault, acme) : null;
  const load = (id: string) =>
    db.certificate.findUniqueOrThrow({
      where: { id },
      include: {
        fqdn: {
          select: {
            hostname: true,
            status: true,
            tlsMode: true,
            httpsRedirect: true,
            hstsMaxAge: true,
            webroot: { select: { tenant: { select: { shard: { select: { clusterId: true } } } } } },
          },
        },
      },
    });
  const acmeIssuer = () => {
    if (!vault) throw refused('certificates need HOSTPLANE_SECRETS_KEY on the worker (their keys are sealed)');
    if (!issuer) throw refused('automatic certificates need ACME_DIRECTORY_URL on the worker');
    return issuer;
  };

  /** What the load balancers install: chain and opened key in one PEM, with the FQDN's options. */
  async function tlsSiteOf(id: string): Promise<TlsSiteSpec> {
    const row = await load(id);
    if (!row.certificatePem || !row.sealedKey) throw refused(`certificate ${id} has no certificate yet`);
    if (!vault) throw refused('certificates need HOSTPLANE_SECRETS_KEY on the worker (their keys are sealed)');
    const dataKey = await db.$transaction((tx) => dataKeyOf(tx, vault, row.tenantId));
    const keyPem = openCertificateKey(dataKey, row.id, row.sealedKey);
    return {
      hostname: row.fqdn.hostname,
      pem: `${row.certificatePem.trim()}\n${keyPem.trim()}\n`,
      httpsRedirect: row.fqdn.httpsRedirect,
      hstsMaxAge: row.fqdn.hstsMaxAge,
    };
  }

  return {
    /**
     * The certificate of an FQDN whose TLS is AUTOMATIC, made PENDING (with its CREATED event)
     * when it has none; null when its TLS is not automatic or it has a live one already.
     */
    async ensureAutomaticCertificate(fqdnId: string): Promise<string | null> {
      const fqdn = await db.fqdn.findUniqueOrThrow({
        where: { id: fqdnId },
        select: {
          tenantId: true,
          tlsMode: true,
          webroot: { select: { tenant: { select: { brandId: true } } } },
          certificate: true,
        },
      });
      if (fqdn.tlsMode !== 'AUTOMATIC') return null;
      if (fqdn.certificate && fqdn.certificate.status !== 'DELETED')
        return fqdn.certificate.status === 'ACTIVE' ? null : fqdn.certificate.id;
      return db.$transaction(async (tx) => {
        // A DELETED one (TLS was off) makes room for the new one: one row per FQDN.
        if (fqdn.certificate) await tx.certificate.delete({ where: { id: fqdn.certificate.id } });
        const row = await tx.certificate.create({ data: { fqdnId, tenantId: fqdn.tenantId, source: 'AUTOMATIC' } });
        await appendEvent(tx, {
          brandId: fqdn.webroot.tenant.brandId,
          tenantId: fqdn.tenantId,
          resourceType: 'Certificate',
          resourceId: row.id,
          kind: 'CREATED',
          status: row.status,
        });
        return row.id;
      });
    },

    async loadCertificatePlan(id: string): Promise<CertificatePlan> {
      const row = await load(id);
      const lbNodes = await lbNodesOf(db, row.fqdn.webroot.tenant.shard.clusterId);
      const due =
        !row.certificatePem || row.renewRequested || (row.renewAfter !== null && row.renewAfter <= new Date());
      return {
        hostname: row.fqdn.hostname,
        fqdnStatus: row.fqdn.status,
        tlsMode: row.fqdn.tlsMode,
        needsIssuance: row.source === 'AUTOMATIC' && due,
        lbNodeIds: lbNodes.map((n) => n.id),
      };
    },

    /** The first half of an ACME order: the challenges the load balancers must answer. */
    async beginIssuance(id: string): Promise<PendingOrder> {
      const row = await load(id);
      return acmeIssuer().begin(row.fqdn.hostname);
    },

    /** The second half: validated, finalized, and stored (key sealed); the renewal time set. */
    async completeIssuance(input: { id: string; orderUrl: string }): Promise<{ serial: string }> {
      const row = await load(input.id);
      const issued = await acmeIssuer().complete(row.fqdn.hostname, input.orderUrl);
      const facts = certificateFacts(issued.certificatePem);
      await db.$transaction(async (tx) => {
        const dataKey = await dataKeyOf(tx, vault!, row.tenantId);
        await tx.certificate.update({
          where: { id: row.id },
          data: {
            certificatePem: issued.certificatePem,
            sealedKey: new Uint8Array(sealCertificateKey(dataKey, row.id, issued.keyPem)),
            ...facts,
            renewAfter: renewAfterOf(facts.notBefore, facts.notAfter),
            renewFailures: 0,
            renewRequested: false,
          },
        });
      });
      return { serial: facts.serial };
    },

    /** A failed issuance: the next renewal attempt waits longer (1 h, 2 h, … 24 h). */
    async noteIssuanceFailure(id: string): Promise<void> {
      const row = await db.certificate.findUniqueOrThrow({ where: { id }, select: { renewFailures: true } });
      const failures = row.renewFailures + 1;
      await db.certificate.update({
        where: { id },
        data: { renewFailures: failures, renewAfter: retryRenewalAt(new Date(), failures) },
      });
    },

    /** What the load balancers install: chain and opened key in one PEM, with the FQDN's options. */
    loadTlsSite: tlsSiteOf,

    /**
     * `loadTlsSite` for a convergence: null when the certificate stopped being live since the
     * list was read (its name unbound, TLS off), so a convergence never puts back what a
     * removal just took away.
     */
    async loadLiveTlsSite(id: string): Promise<TlsSiteSpec | null> {
      const row = await load(id);
      const live =
        (row.status === 'ACTIVE' || row.status === 'PROVISIONING') &&
        row.fqdn.status === 'ACTIVE' &&
        row.fqdn.tlsMode !== 'OFF';
      return live ? tlsSiteOf(id) : null;
    },

    /** Automatic certificates of routed names whose renewal time has come (or that wait for a retry). */
    async certificatesDue(): Promise<string[]> {
      const rows = await db.certificate.findMany({
        where: {
          source: 'AUTOMATIC',
          status: { in: ['ACTIVE', 'FAILED'] },
          renewAfter: { lte: new Date() },
          fqdn: { status: 'ACTIVE', tlsMode: 'AUTOMATIC' },
        },
        select: { id: true },
        orderBy: { renewAfter: 'asc' },
        take: 100,
      });
      return rows.map((r) => r.id);
    },

    /** Live certificates whose FQDN is unbound (or going): the schedule removes them. */
    async certificatesOfUnboundFqdns(): Promise<string[]> {
      const rows = await db.certificate.findMany({
        where: { status: { in: ['ACTIVE', 'FAILED'] }, fqdn: { status: { in: ['DELETING', 'DELETED'] } } },
        select: { id: true },
        take: 100,
      });
      return rows.map((r) => r.id);
    },

    /**
     * The certificates a load-balancer shard serves — those of its cluster's routed names, with
     * a certificate — in a stable order: what its convergence installs again. None for another role.
     */
    async certificatesOfLbShard(shardId: string): Promise<string[]> {
      const shard = await db.shard.findUnique({ where: { id: shardId }, select: { clusterId: true, role: true } });
      if (shard?.role !== 'LB') return [];
      const rows = await db.certificate.findMany({
        where: {
          status: { in: ['ACTIVE', 'PROVISIONING'] },
          certificatePem: { not: null },
          sealedKey: { not: null },
          fqdn: {
            status: 'ACTIVE',
            tlsMode: { not: 'OFF' },
            webroot: { tenant: { shard: { clusterId: shard.clusterId } } },
          },
        },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => r.id);
    },

    /** The live certificate of an FQDN (what its unbind removes), or null. */
    async certificateOfFqdn(fqdnId: string): Promise<string | null> {
      const row = await db.certificate.findUnique({ where: { fqdnId }, select: { id: true, status: true } });
      return row && row.status !== 'DELETED' ? row.id : null;
    },
  };
}

export type CertificateActivities = ReturnType<typeof createCertificateActivities>;
