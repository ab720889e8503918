import type { DnsPort } from '@hostplane/schema';
import type { ServiceDeps } from '../services.js';
import { DnsReads } from './dns-reads.js';
import { DnsRecordService } from './dns-record.service.js';
import { DnsZoneService } from './dns-zone.service.js';

/** The DNS port: zones and records, one plain class each, over one read side. */
export class DnsService implements DnsPort {
  private readonly reads: DnsReads;
  private readonly zones: DnsZoneService;
  private readonly records: DnsRecordService;

  constructor(deps: ServiceDeps) {
    this.reads = new DnsReads(deps.db);
    this.zones = new DnsZoneService(deps, this.reads);
    this.records = new DnsRecordService(deps, this.reads);
  }

  getZone: DnsPort['getZone'] = (viewer, id) => this.reads.getZone(viewer, id);
  getRecord: DnsPort['getRecord'] = (viewer, id) => this.reads.getRecord(viewer, id);
  zonesOf: DnsPort['zonesOf'] = (viewer, tenantId, args) => this.reads.zonesOf(viewer, tenantId, args);
  zonesOfBrand: DnsPort['zonesOfBrand'] = (viewer, brandId, args) => this.reads.zonesOfBrand(viewer, brandId, args);
  recordsOf: DnsPort['recordsOf'] = (viewer, zone, args) => this.reads.recordsOf(viewer, zone, args);
  serversOf: DnsPort['serversOf'] = (viewer, zone) => this.reads.serversOf(viewer, zone);
  loadTenant: DnsPort['loadTenant'] = (viewer, tenantId) => this.reads.loadTenant(viewer, tenantId);
  loadZone: DnsPort['loadZone'] = (viewer, zoneId) => this.reads.loadZone(viewer, zoneId);

  createZone: DnsPort['createZone'] = (viewer, input) => this.zones.create(viewer, input);
  setDnssec: DnsPort['setDnssec'] = (viewer, input) => this.zones.setDnssec(viewer, input);
  deleteZone: DnsPort['deleteZone'] = (viewer, id) => this.zones.delete(viewer, id);
  retryZone: DnsPort['retryZone'] = (viewer, id) => this.zones.retry(viewer, id);
  createRecord: DnsPort['createRecord'] = (viewer, input) => this.records.create(viewer, input);
  deleteRecord: DnsPort['deleteRecord'] = (viewer, id) => this.records.delete(viewer, id);
  retryRecord: DnsPort['retryRecord'] = (viewer, id) => this.records.retry(viewer, id);
}
