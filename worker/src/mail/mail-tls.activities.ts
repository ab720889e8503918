// The certificate of a mail node's host name (issue 13): ordered from the platform's ACME CA like
// any FQDN's, its HTTP-01 answers published on the load balancers of the node's cluster (the host
// name's port 80 must reach them, as every bound name's does), stored with its key sealed, and
// handed to the node inside its spec (which crosses Temporal in the sealed payload only).
import { ApplicationFailure } from '@temporalio/activity';
import type { MailEndpoint, MailTlsSpec } from '@hostplane/contract/mail';
import type { Db } from '@hostplane/server/db';
import { certificateFacts, renewAfterOf, retryRenewalAt } from '@hostplane/server/certificates';
import { mailTlsPlace, openValue, sealValue, type SecretsVault } from '@hostplane/server/secrets';
import { lbNodesOf } from '../activities/web-plans.js';
import { AcmeIssuer, type AcmeConfig, type PendingOrder } from '../certificates/acme.js';

export interface MailTlsActivityDeps {
  db: Db;
  vault?: SecretsVault | undefined;
  acme?: AcmeConfig | undefined;
}

/** What a mail node's sync does about its certificate: an order is due for `hostname`, on these load balancers. */
export interface MailTlsPlan {
  hostname: string;
  clusterId: string;
  lbNodeIds: string[];
}

const refused = (message: string) => ApplicationFailure.nonRetryable(message, 'CertificateUnavailable');

/** The host name the node's agent last answered with, or null (it never applied a spec yet). */
async function mailHostnameOf(db: Db, nodeId: string): Promise<string | null> {
  const node = await db.node.findUnique({ where: { id: nodeId }, select: { mailEndpoint: true } });
  return (node?.mailEndpoint as unknown as MailEndpoint | null)?.hostname ?? null;
}

/** The node's live certificate and opened key, or null (none yet, or for another host name). */
export async function loadMailTls(
  db: Db,
  vault: SecretsVault | undefined,
  nodeId: string,
): Promise<MailTlsSpec | null> {
  const row = await db.mailNodeCertificate.findUnique({ where: { nodeId } });
  if (!row?.certificatePem || !row.sealedKey || !vault) return null;
  if (row.hostname !== (await mailHostnameOf(db, nodeId))) return null;
  const place = mailTlsPlace(nodeId);
  const keyPem = openValue(vault.unwrap(place, row), place, 'key', row.sealedKey);
  return { certificatePem: row.certificatePem, keyPem };
}

export function createMailTlsActivities({ db, vault, acme }: MailTlsActivityDeps) {
  const issuer = vault && acme ? new AcmeIssuer(db, vault, acme) : null;
  const acmeIssuer = () => {
    if (!issuer) throw refused('mail certificates need HOSTPLANE_SECRETS_KEY and ACME_DIRECTORY_URL on the worker');
    return issuer;
  };
  const hostnameOf = async (nodeId: string) => {
    const hostname = await mailHostnameOf(db, nodeId);
    if (!hostname) throw refused(`mail node ${nodeId} has not answered with its host name yet`);
    return hostname;
  };

  return {
    /**
     * An order is due for the node's host name (no certificate, another name, renewal time), or
     * null: none due, the host name is not known yet, or the worker cannot order (no ACME
     * directory or secrets key: the node then stays without TLS, so it takes no logins).
     */
    async mailTlsPlan(nodeId: string): Promise<MailTlsPlan | null> {
      const hostname = await mailHostnameOf(db, nodeId);
      if (!hostname || !issuer) return null;
      const row = await db.mailNodeCertificate.findUnique({ where: { nodeId } });
      const due =
        !row ||
        row.hostname !== hostname ||
        !row.certificatePem ||
        row.renewAfter === null ||
        row.renewAfter <= new Date();
      // A failed order waits its backoff (renewAfter) even when no certificate was ever issued.
      const waiting = row?.hostname === hostname && row.renewFailures > 0 && row.renewAfter! > new Date();
      if (!due || waiting) return null;
      const node = await db.node.findUniqueOrThrow({ where: { id: nodeId }, select: { clusterId: true } });
      return { hostname, clusterId: node.clusterId, lbNodeIds: (await lbNodesOf(db, node.clusterId)).map((n) => n.id) };
    },

    /** Mail nodes whose certificate's renewal time (or retry after a failure) has come: the renewal sweep syncs them. */
    async mailCertificatesDue(): Promise<string[]> {
      const rows = await db.mailNodeCertificate.findMany({
        where: { renewAfter: { lte: new Date() } },
        select: { nodeId: true },
        orderBy: { renewAfter: 'asc' },
        take: 100,
      });
      return rows.map((r) => r.nodeId);
    },

    /** The first half of the order: the challenges the load balancers answer. */
    async beginMailIssuance(nodeId: string): Promise<PendingOrder> {
      return acmeIssuer().begin(await hostnameOf(nodeId));
    },

    /** The second half: validated, finalized, stored with its key sealed; the renewal time set. */
    async completeMailIssuance(input: { nodeId: string; orderUrl: string }): Promise<{ serial: string }> {
      const hostname = await hostnameOf(input.nodeId);
      const issued = await acmeIssuer().complete(hostname, input.orderUrl);
      const facts = certificateFacts(issued.certificatePem);
      const place = mailTlsPlace(input.nodeId);
      const existing = await db.mailNodeCertificate.findUnique({ where: { nodeId: input.nodeId } });
      const wrapped = existing ?? vault!.newDataKey(place);
      const sealedKey = sealValue(vault!.unwrap(place, wrapped), place, 'key', issued.keyPem);
      const data = {
        hostname,
        certificatePem: issued.certificatePem,
        sealedKey: new Uint8Array(sealedKey),
        notAfter: facts.notAfter,
        renewAfter: renewAfterOf(facts.notBefore, facts.notAfter),
        renewFailures: 0,
        lastError: null,
      };
      await db.mailNodeCertificate.upsert({
        where: { nodeId: input.nodeId },
        create: {
          nodeId: input.nodeId,
          wrappedKey: new Uint8Array(wrapped.wrappedKey),
          masterKeyId: wrapped.masterKeyId,
          ...data,
        },
        update: data,
      });
      return { serial: facts.serial };
    },

    /** A failed order: kept with its reason; the next try waits 1 h, 2 h, … 24 h (a live certificate stays in use). */
    async noteMailIssuanceFailure(input: { nodeId: string; message: string }): Promise<void> {
      const hostname = await mailHostnameOf(db, input.nodeId);
      if (!hostname || !vault) return;
      const existing = await db.mailNodeCertificate.findUnique({ where: { nodeId: input.nodeId } });
      const failures = (existing?.hostname === hostname ? existing.renewFailures : 0) + 1;
      const data = {
        renewFailures: failures,
        renewAfter: retryRenewalAt(new Date(), failures),
        lastError: input.message,
      };
      if (existing) {
        // A certificate of the node's former host name is of no use any more.
        const renamed = existing.hostname === hostname ? {} : { hostname, certificatePem: null, sealedKey: null };
        await db.mailNodeCertificate.update({ where: { nodeId: input.nodeId }, data: { ...data, ...renamed } });
        return;
      }
      const wrapped = vault.newDataKey(mailTlsPlace(input.nodeId));
      await db.mailNodeCertificate.create({
        data: {
          nodeId: input.nodeId,
          hostname,
          wrappedKey: new Uint8Array(wrapped.wrappedKey),
          masterKeyId: wrapped.masterKeyId,
          ...data,
        },
      });
    },
  };
}

export type MailTlsActivities = ReturnType<typeof createMailTlsActivities>;
