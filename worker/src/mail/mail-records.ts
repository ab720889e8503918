// The managed records mail needs in a zone (issue 13): MX to the mail shard's nodes, SPF, the
// DKIM key at `<selector>._domainkey`, DMARC at `_dmarc`. Computed from the database like the
// FQDNs' A/AAAA (../dns/managed-records.ts), so enabling, disabling, a tenant's suspend or delete
// and a node's new host name all converge the same way.
import { txtContent } from '@hostplane/contract/dns/records';
import type { MailEndpoint } from '@hostplane/contract/mail';
import type { Db } from '@hostplane/server/db';
import { WANTED } from './mail-spec.js';

export const MAIL_SOURCE = 'MAIL_DOMAIN';
const MX_PRIORITY = 10;

export interface WantedMailRecord {
  name: string;
  type: 'MX' | 'TXT';
  content: string;
  value: string;
  priority: number | null;
  sourceType: typeof MAIL_SOURCE;
  sourceId: string;
}

/** The mail records the zone should hold now (none when it has no served mail domain). */
export async function wantedMailRecords(db: Db, zone: { id: string; name: string }): Promise<WantedMailRecord[]> {
  const domain = await db.mailDomain.findFirst({
    where: { zoneId: zone.id, ...WANTED, tenant: { status: { notIn: ['DELETING', 'DELETED'] } } },
    select: { id: true, name: true, shardId: true, dkimSelector: true, dkimPublicKey: true },
  });
  if (!domain) return [];
  const nodes = await db.node.findMany({
    where: { shards: { some: { shardId: domain.shardId } } },
    select: { mailEndpoint: true },
  });
  const hosts = [
    ...new Set(nodes.flatMap((n) => (n.mailEndpoint ? [(n.mailEndpoint as unknown as MailEndpoint).hostname] : []))),
  ].sort();
  const txt = (name: string, text: string): WantedMailRecord => ({
    name,
    type: 'TXT',
    content: txtContent(text),
    value: text,
    priority: null,
    sourceType: MAIL_SOURCE,
    sourceId: domain.id,
  });
  return [
    // No MX until a node has answered with its host name (the domain's create writes it first).
    ...hosts.map((host): WantedMailRecord => ({
      name: domain.name,
      type: 'MX',
      content: `${MX_PRIORITY} ${host}.`,
      value: host,
      priority: MX_PRIORITY,
      sourceType: MAIL_SOURCE,
      sourceId: domain.id,
    })),
    // Only the MX hosts send as the domain; everything else fails.
    txt(domain.name, 'v=spf1 mx -all'),
    txt(`${domain.dkimSelector}._domainkey.${domain.name}`, `v=DKIM1; k=rsa; p=${domain.dkimPublicKey}`),
    txt(`_dmarc.${domain.name}`, 'v=DMARC1; p=quarantine; adkim=s; aspf=s'),
  ];
}
