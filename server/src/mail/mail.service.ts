import type { DnsZoneRecord, MailPort, Viewer } from '@hostplane/schema';
import type { ServiceDeps } from '../services.js';
import { DnsReads } from '../dns/dns-reads.js';
import { MailAliasService } from './mail-alias.service.js';
import { MailDomainService } from './mail-domain.service.js';
import { MailReads } from './mail-reads.js';
import { MailboxService } from './mailbox.service.js';

/** The mail port: domains, mailboxes and aliases, one plain class each, over one read side. */
export class MailService implements MailPort {
  private readonly reads: MailReads;
  private readonly dnsReads: DnsReads;
  private readonly domains: MailDomainService;
  private readonly mailboxes: MailboxService;
  private readonly aliases: MailAliasService;

  constructor(deps: ServiceDeps) {
    this.reads = new MailReads(deps.db);
    this.dnsReads = new DnsReads(deps.db);
    this.domains = new MailDomainService(deps, this.reads);
    this.mailboxes = new MailboxService(deps, this.reads);
    this.aliases = new MailAliasService(deps, this.reads);
  }

  getDomain: MailPort['getDomain'] = (viewer, id) => this.reads.getDomain(viewer, id);
  getMailbox: MailPort['getMailbox'] = (viewer, id) => this.reads.getMailbox(viewer, id);
  getAlias: MailPort['getAlias'] = (viewer, id) => this.reads.getAlias(viewer, id);
  domainsOf: MailPort['domainsOf'] = (viewer, tenantId, args) => this.reads.domainsOf(viewer, tenantId, args);
  mailboxesOf: MailPort['mailboxesOf'] = (viewer, domain, args) => this.reads.mailboxesOf(viewer, domain, args);
  aliasesOf: MailPort['aliasesOf'] = (viewer, domain, args) => this.reads.aliasesOf(viewer, domain, args);
  dnsRecordsOf: MailPort['dnsRecordsOf'] = (viewer, domain) => this.reads.dnsRecordsOf(viewer, domain);
  serversOf: MailPort['serversOf'] = (viewer, domain) => this.reads.serversOf(viewer, domain);
  loadTenant: MailPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);
  loadDomain: MailPort['loadDomain'] = (viewer, domainId) => this.reads.loadDomain(viewer, domainId);
  /** The zone needs dns:read like any read of it. */
  loadZone = (viewer: Viewer, zoneId: string): Promise<DnsZoneRecord | null> => this.dnsReads.loadZone(viewer, zoneId);

  createDomain: MailPort['createDomain'] = (viewer, input) => this.domains.create(viewer, input);
  updateDomain: MailPort['updateDomain'] = (viewer, input) => this.domains.update(viewer, input);
  deleteDomain: MailPort['deleteDomain'] = (viewer, id) => this.domains.delete(viewer, id);
  retryDomain: MailPort['retryDomain'] = (viewer, id) => this.domains.retry(viewer, id);
  createMailbox: MailPort['createMailbox'] = (viewer, input) => this.mailboxes.create(viewer, input);
  updateMailbox: MailPort['updateMailbox'] = (viewer, input) => this.mailboxes.update(viewer, input);
  deleteMailbox: MailPort['deleteMailbox'] = (viewer, id) => this.mailboxes.delete(viewer, id);
  retryMailbox: MailPort['retryMailbox'] = (viewer, id) => this.mailboxes.retry(viewer, id);
  createAlias: MailPort['createAlias'] = (viewer, input) => this.aliases.create(viewer, input);
  updateAlias: MailPort['updateAlias'] = (viewer, input) => this.aliases.update(viewer, input);
  deleteAlias: MailPort['deleteAlias'] = (viewer, id) => this.aliases.delete(viewer, id);
  retryAlias: MailPort['retryAlias'] = (viewer, id) => this.aliases.retry(viewer, id);
}
