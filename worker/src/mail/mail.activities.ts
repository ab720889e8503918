// The mail workflows' control-plane side: a node's whole spec, where a resource's mail nodes are,
// what the nodes answered, the cascades of a domain's or tenant's delete, and the grace period
// before stored mail is removed.
import type { MailEndpoint, MailNodeSpec } from '@hostplane/contract/mail';
import type { Db } from '@hostplane/server/db';
import { setResourceStatus } from '@hostplane/server/resources';
import type { SecretsVault } from '@hostplane/server/secrets';
import { nodesOf } from '../activities/database-plan.activities.js';
import { loadMailNodeSpec, WANTED } from './mail-spec.js';

export interface MailActivityDeps {
  db: Db;
  vault?: SecretsVault | undefined;
  /** Seconds between a mailbox leaving the spec and its stored mail being removed. */
  dataGraceSeconds: number;
}

/** A mail resource the workflows act on. */
export interface MailRef {
  type: 'MailDomain' | 'Mailbox' | 'MailAlias';
  id: string;
}

/** Where a mail resource is served: its domain's shard's nodes, and the zone of its domain. */
export interface MailTarget {
  domainId: string;
  zoneId: string;
  nodeIds: string[];
}

export function createMailActivities({ db, vault, dataGraceSeconds }: MailActivityDeps) {
  /** Marks live rows DELETED, each with its STATUS event; answers the mailboxes' addresses. */
  async function markDeleted(where: { domainId: string } | { tenantId: string }): Promise<string[]> {
    const live = { ...where, status: { not: 'DELETED' as const } };
    const [mailboxes, aliases] = await Promise.all([
      db.mailbox.findMany({ where: live, select: { id: true, address: true } }),
      db.mailAlias.findMany({ where: live, select: { id: true } }),
    ]);
    for (const m of mailboxes)
      await setResourceStatus(db, { resourceType: 'Mailbox', resourceId: m.id, status: 'DELETED' });
    for (const a of aliases)
      await setResourceStatus(db, { resourceType: 'MailAlias', resourceId: a.id, status: 'DELETED' });
    return mailboxes.map((m) => m.address);
  }

  return {
    /** The node's whole spec (DKIM private keys opened: it crosses Temporal only inside sealed payloads). */
    loadMailNodeSpec: (nodeId: string): Promise<MailNodeSpec> => loadMailNodeSpec(db, vault, nodeId),

    /** Where the node's Postfix and Dovecot answer (the MX record names its host name). */
    async recordMailEndpoint(input: { nodeId: string; endpoint: MailEndpoint }): Promise<void> {
      await db.node.update({ where: { id: input.nodeId }, data: { mailEndpoint: { ...input.endpoint } } });
    },

    async mailTargetOf(ref: MailRef): Promise<MailTarget> {
      const domainId =
        ref.type === 'MailDomain'
          ? ref.id
          : ref.type === 'Mailbox'
            ? (await db.mailbox.findUniqueOrThrow({ where: { id: ref.id }, select: { domainId: true } })).domainId
            : (await db.mailAlias.findUniqueOrThrow({ where: { id: ref.id }, select: { domainId: true } })).domainId;
      const domain = await db.mailDomain.findUniqueOrThrow({
        where: { id: domainId },
        select: { zoneId: true, shardId: true },
      });
      return { domainId, zoneId: domain.zoneId, nodeIds: await nodesOf(db, domain.shardId) };
    },

    /** The mail nodes serving any of the tenant's domains (suspend, unsuspend, delete), and their zones. */
    async tenantMailTargets(tenantId: string): Promise<{ nodeIds: string[]; zoneIds: string[] }> {
      const domains = await db.mailDomain.findMany({
        where: { tenantId, status: { not: 'DELETED' } },
        select: { shardId: true, zoneId: true },
      });
      const shards = [...new Set(domains.map((d) => d.shardId))];
      const nodeIds = (await Promise.all(shards.map((s) => nodesOf(db, s, false)))).flat();
      return { nodeIds: [...new Set(nodeIds)].sort(), zoneIds: [...new Set(domains.map((d) => d.zoneId))] };
    },

    /** A deleted domain's mailboxes and aliases go with it; the mailboxes' addresses (their data goes later). */
    markDomainMailDeleted: (domainId: string): Promise<string[]> => markDeleted({ domainId }),

    /** A deleted tenant's mail: every domain, mailbox and alias DELETED; the mailboxes' addresses. */
    async markTenantMailDeleted(tenantId: string): Promise<string[]> {
      const addresses = await markDeleted({ tenantId });
      const domains = await db.mailDomain.findMany({
        where: { tenantId, status: { not: 'DELETED' } },
        select: { id: true },
      });
      for (const d of domains)
        await setResourceStatus(db, { resourceType: 'MailDomain', resourceId: d.id, status: 'DELETED' });
      return addresses;
    },

    /** A mailbox's address (what its data removal names). */
    async mailboxAddress(id: string): Promise<string> {
      return (await db.mailbox.findUniqueOrThrow({ where: { id }, select: { address: true } })).address;
    },

    /** Of `addresses`, those no live mailbox holds again (a re-created address keeps its mail). */
    async addressesFreeOfMailboxes(addresses: string[]): Promise<string[]> {
      const held = await db.mailbox.findMany({
        where: { address: { in: addresses }, ...WANTED },
        select: { address: true },
      });
      return addresses.filter((a) => !held.some((h) => h.address === a));
    },

    /** The grace period's length (HOSTPLANE_MAIL_DATA_GRACE_SECONDS): configuration, read when a delete starts. */
    mailDataGraceSeconds: async (): Promise<number> => dataGraceSeconds,

    /** A mail shard's nodes (convergence); null when the shard is not a mail shard. */
    async loadMailConvergence(shardId: string) {
      const shard = await db.shard.findUniqueOrThrow({
        where: { id: shardId },
        select: { name: true, role: true, nodes: { select: { node: { select: { id: true, hostname: true } } } } },
      });
      if (shard.role !== 'EMAIL') return null;
      return { shard: shard.name, nodes: shard.nodes.map((n) => n.node) };
    },
  };
}

export type MailControlActivities = ReturnType<typeof createMailActivities>;
