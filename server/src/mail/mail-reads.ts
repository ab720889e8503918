import DataLoader from 'dataloader';
import {
  decodeIdOf,
  type ConnectionResult,
  type DnsRecordRecord,
  type MailAliasRecord,
  type MailboxRecord,
  type MailDomainRecord,
  type MailServerRecord,
  type PageArgs,
  type Viewer,
} from '@hostplane/schema';
import type { MailEndpoint } from '@hostplane/contract/mail';
import type { Db } from '../db/index.js';
import { canSeeOwned, grouped, LIVE, TenantLoader, visibleOwnedWhere } from '../data-stores/ownership.js';
import { pageInMemory } from '../data-stores/page-in-memory.js';
import { recordInclude, recordRecord } from '../dns/dns-reads.js';
import { aliasRecord, domainRecord, mailboxRecord, withBrand } from './mail-records.js';

const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The reads of the mail port: domains per tenant, mailboxes and aliases per domain (batched per request), one by id. */
export class MailReads {
  private readonly tenants: TenantLoader;

  private readonly domainsByTenant = new DataLoader<string, MailDomainRecord[]>(async (ids) => {
    const rows = await this.db.mailDomain.findMany({
      where: { tenantId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: ORDER,
    });
    return grouped(ids, rows.map(domainRecord), (r) => r.tenantId);
  });

  private readonly mailboxesByDomain = new DataLoader<string, MailboxRecord[]>(async (ids) => {
    const rows = await this.db.mailbox.findMany({
      where: { domainId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: ORDER,
    });
    return grouped(ids, rows.map(mailboxRecord), (r) => r.domainId);
  });

  private readonly aliasesByDomain = new DataLoader<string, MailAliasRecord[]>(async (ids) => {
    const rows = await this.db.mailAlias.findMany({
      where: { domainId: { in: [...ids] }, ...LIVE },
      include: withBrand,
      orderBy: ORDER,
    });
    return grouped(ids, rows.map(aliasRecord), (r) => r.domainId);
  });

  private readonly domainLoader = new DataLoader<string, MailDomainRecord | null>(async (ids) => {
    const rows = await this.db.mailDomain.findMany({ where: { id: { in: [...ids] } }, include: withBrand });
    return ids.map((id) => rows.find((r) => r.id === id)).map((r) => (r ? domainRecord(r) : null));
  });

  constructor(private readonly db: Db) {
    this.tenants = new TenantLoader(db);
  }

  domainById = async (id: string) =>
    domainRecord(await this.db.mailDomain.findUniqueOrThrow({ where: { id }, include: withBrand }));
  mailboxById = async (id: string) =>
    mailboxRecord(await this.db.mailbox.findUniqueOrThrow({ where: { id }, include: withBrand }));
  aliasById = async (id: string) =>
    aliasRecord(await this.db.mailAlias.findUniqueOrThrow({ where: { id }, include: withBrand }));

  /** The row behind a global id when the viewer may see it (no scope check: the caller's). */
  async findDomain(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('MailDomain', globalId);
    const row = id
      ? await this.db.mailDomain.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand })
      : null;
    return row ? domainRecord(row) : null;
  }

  async findMailbox(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Mailbox', globalId);
    const row = id
      ? await this.db.mailbox.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand })
      : null;
    return row ? mailboxRecord(row) : null;
  }

  async findAlias(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('MailAlias', globalId);
    const row = id
      ? await this.db.mailAlias.findFirst({ where: { id, ...visibleOwnedWhere(viewer) }, include: withBrand })
      : null;
    return row ? aliasRecord(row) : null;
  }

  async getDomain(viewer: Viewer, globalId: string) {
    viewer.require('mail:read');
    return this.findDomain(viewer, globalId);
  }

  async getMailbox(viewer: Viewer, globalId: string) {
    viewer.require('mail:read');
    return this.findMailbox(viewer, globalId);
  }

  async getAlias(viewer: Viewer, globalId: string) {
    viewer.require('mail:read');
    return this.findAlias(viewer, globalId);
  }

  async domainsOf(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<MailDomainRecord>> {
    viewer.require('mail:read');
    return pageInMemory(
      (await this.domainsByTenant.load(tenantId)).filter((d) => canSeeOwned(viewer, d)),
      args,
    );
  }

  /** The domain is the resolver's root (already visible); its children need the scope too. */
  async mailboxesOf(viewer: Viewer, domain: MailDomainRecord, args: PageArgs) {
    viewer.require('mail:read');
    if (!canSeeOwned(viewer, domain)) return pageInMemory<MailboxRecord>([], args);
    return pageInMemory(await this.mailboxesByDomain.load(domain.id), args);
  }

  async aliasesOf(viewer: Viewer, domain: MailDomainRecord, args: PageArgs) {
    viewer.require('mail:read');
    if (!canSeeOwned(viewer, domain)) return pageInMemory<MailAliasRecord>([], args);
    return pageInMemory(await this.aliasesByDomain.load(domain.id), args);
  }

  async loadDomain(viewer: Viewer, domainId: string): Promise<MailDomainRecord | null> {
    viewer.require('mail:read');
    const domain = await this.domainLoader.load(domainId);
    return domain && canSeeOwned(viewer, domain) ? domain : null;
  }

  loadTenant = (viewer: Viewer, tenantId: string) => this.tenants.load(viewer, tenantId);

  /** The managed records the platform keeps for the domain in its zone. */
  async dnsRecordsOf(viewer: Viewer, domain: MailDomainRecord): Promise<DnsRecordRecord[]> {
    viewer.require('mail:read');
    if (!canSeeOwned(viewer, domain)) return [];
    const rows = await this.db.dnsRecord.findMany({
      where: { zoneId: domain.zoneId, managed: true, sourceId: domain.id, ...LIVE },
      include: recordInclude,
      orderBy: [{ name: 'asc' }, { type: 'asc' }],
    });
    return rows.map(recordRecord);
  }

  /** The nodes of the domain's mail shard that reported their endpoint. */
  async serversOf(viewer: Viewer, domain: MailDomainRecord): Promise<MailServerRecord[]> {
    viewer.require('mail:read');
    if (!canSeeOwned(viewer, domain)) return [];
    const row = await this.db.mailDomain.findUnique({ where: { id: domain.id }, select: { shardId: true } });
    if (!row) return [];
    const nodes = await this.db.node.findMany({
      where: { shards: { some: { shardId: row.shardId } } },
      select: { mailEndpoint: true },
      orderBy: { hostname: 'asc' },
    });
    return nodes.flatMap((n) => (n.mailEndpoint ? [n.mailEndpoint as unknown as MailEndpoint] : []));
  }
}
