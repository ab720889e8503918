import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { DnsRecordRecord, DnsZoneRecord } from '../dns/dns.type.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type {
  CreateMailAliasInput,
  CreateMailboxInput,
  CreateMailDomainInput,
  UpdateMailAliasInput,
  UpdateMailboxInput,
  UpdateMailDomainInput,
} from './mail.input.js';
import type { MailAliasRecord, MailboxRecord, MailDomainRecord, MailServerRecord } from './mail.type.js';

export interface MailDomainMutationResult {
  mailDomain: MailDomainRecord | null;
  userErrors: UserError[];
}

export interface MailboxMutationResult {
  mailbox: MailboxRecord | null;
  userErrors: UserError[];
}

export interface MailAliasMutationResult {
  mailAlias: MailAliasRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`mail:read|write`, brand,
 * tenant binding). Getters return null for what is missing or not visible.
 */
export interface MailPort {
  getDomain(viewer: Viewer, id: string): Promise<MailDomainRecord | null>;
  getMailbox(viewer: Viewer, id: string): Promise<MailboxRecord | null>;
  getAlias(viewer: Viewer, id: string): Promise<MailAliasRecord | null>;
  /** A page of the tenant's mail domains (not DELETED), oldest first. */
  domainsOf(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<MailDomainRecord>>;
  /** A page of the domain's mailboxes (the domain is the resolver's root). */
  mailboxesOf(viewer: Viewer, domain: MailDomainRecord, args: PageArgs): Promise<ConnectionResult<MailboxRecord>>;
  aliasesOf(viewer: Viewer, domain: MailDomainRecord, args: PageArgs): Promise<ConnectionResult<MailAliasRecord>>;
  /** The managed records the platform keeps in the zone for the domain (MX, SPF, DKIM, DMARC). */
  dnsRecordsOf(viewer: Viewer, domain: MailDomainRecord): Promise<DnsRecordRecord[]>;
  /** The mail nodes serving the domain that reported their endpoint. */
  serversOf(viewer: Viewer, domain: MailDomainRecord): Promise<MailServerRecord[]>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  loadZone(viewer: Viewer, zoneId: string): Promise<DnsZoneRecord | null>;
  loadDomain(viewer: Viewer, domainId: string): Promise<MailDomainRecord | null>;

  createDomain(viewer: Viewer, input: CreateMailDomainInput): Promise<MailDomainMutationResult>;
  updateDomain(viewer: Viewer, input: UpdateMailDomainInput): Promise<MailDomainMutationResult>;
  deleteDomain(viewer: Viewer, id: string): Promise<MailDomainMutationResult>;
  retryDomain(viewer: Viewer, id: string): Promise<MailDomainMutationResult>;
  createMailbox(viewer: Viewer, input: CreateMailboxInput): Promise<MailboxMutationResult>;
  updateMailbox(viewer: Viewer, input: UpdateMailboxInput): Promise<MailboxMutationResult>;
  deleteMailbox(viewer: Viewer, id: string): Promise<MailboxMutationResult>;
  retryMailbox(viewer: Viewer, id: string): Promise<MailboxMutationResult>;
  createAlias(viewer: Viewer, input: CreateMailAliasInput): Promise<MailAliasMutationResult>;
  updateAlias(viewer: Viewer, input: UpdateMailAliasInput): Promise<MailAliasMutationResult>;
  deleteAlias(viewer: Viewer, id: string): Promise<MailAliasMutationResult>;
  retryAlias(viewer: Viewer, id: string): Promise<MailAliasMutationResult>;
}
