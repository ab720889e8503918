import type { ConnectionResult, PageArgs } from '../common/connection.js';
import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { TenantRecord } from '../tenants/tenant.type.js';
import type { CreateDnsRecordInput, CreateDnsZoneInput, SetDnsZoneDnssecInput } from './dns.input.js';
import type { DnsRecordRecord, DnsServerRecord, DnsZoneRecord } from './dns.type.js';

export interface DnsZoneMutationResult {
  dnsZone: DnsZoneRecord | null;
  userErrors: UserError[];
}

export interface DnsRecordMutationResult {
  dnsRecord: DnsRecordRecord | null;
  userErrors: UserError[];
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`dns:read|write`, brand,
 * tenant binding). Getters return null for what is missing or not visible.
 */
export interface DnsPort {
  getZone(viewer: Viewer, id: string): Promise<DnsZoneRecord | null>;
  getRecord(viewer: Viewer, id: string): Promise<DnsRecordRecord | null>;
  /** A page of the tenant's zones (not DELETED), oldest first; batched per request. */
  zonesOf(viewer: Viewer, tenantId: string, args: PageArgs): Promise<ConnectionResult<DnsZoneRecord>>;
  /** A page of the brand's own zones (not DELETED), oldest first; empty for tenant-bound keys. */
  zonesOfBrand(viewer: Viewer, brandId: string, args: PageArgs): Promise<ConnectionResult<DnsZoneRecord>>;
  /** A page of the zone's records (not DELETED), by name and type (the zone is the resolver's root). */
  recordsOf(viewer: Viewer, zone: DnsZoneRecord, args: PageArgs): Promise<ConnectionResult<DnsRecordRecord>>;
  /** The DNS nodes that serve the zone. */
  serversOf(viewer: Viewer, zone: DnsZoneRecord): Promise<DnsServerRecord[]>;
  loadTenant(viewer: Viewer, tenantId: string): Promise<TenantRecord | null>;
  loadZone(viewer: Viewer, zoneId: string): Promise<DnsZoneRecord | null>;

  createZone(viewer: Viewer, input: CreateDnsZoneInput): Promise<DnsZoneMutationResult>;
  setDnssec(viewer: Viewer, input: SetDnsZoneDnssecInput): Promise<DnsZoneMutationResult>;
  deleteZone(viewer: Viewer, id: string): Promise<DnsZoneMutationResult>;
  retryZone(viewer: Viewer, id: string): Promise<DnsZoneMutationResult>;
  createRecord(viewer: Viewer, input: CreateDnsRecordInput): Promise<DnsRecordMutationResult>;
  deleteRecord(viewer: Viewer, id: string): Promise<DnsRecordMutationResult>;
  retryRecord(viewer: Viewer, id: string): Promise<DnsRecordMutationResult>;
}
