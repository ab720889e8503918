import {
  UserErrorCode,
  userError,
  type CreateDnsRecordInput,
  type DnsRecordMutationResult,
  type Viewer,
} from '@hostplane/schema';
import { validateDnsRecord, type ValidDnsRecord } from '@hostplane/contract/dns/records';
import type { DbTx } from '../db/index.js';
import { insertWithEvent } from '../data-stores/insert.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import type { DnsReads } from './dns-reads.js';

type Result = DnsRecordMutationResult;

/** Records per zone: the whole zone crosses Temporal in one payload (10,000 records ≈ 0.8 MB, under its 2 MB limit). */
export const MAX_DNS_RECORDS_PER_ZONE = 10_000;

/** Records that are, or are about to be, in the zone: not deleted and not on their way out. */
export const WANTED_RECORDS = {
  status: { notIn: ['DELETING' as const, 'DELETED' as const] },
  NOT: { status: 'FAILED' as const, lastOperation: 'DELETE' },
};

/** A refusal found inside the insert's transaction (rolls it back). */
class RecordRefused extends Error {
  constructor(readonly result: Result) {
    super('refused');
  }
}

/**
 * A zone's records: create (fields checked by the contract's validator, then what needs the
 * zone's other records: CNAME exclusivity, duplicates, under the zone row's lock so two creates
 * cannot both pass), delete and retry. Managed records are the platform's: refused.
 */
export class DnsRecordService {
  private readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: DnsReads,
  ) {
    this.kit = lifecycleOf(deps, 'DnsRecord', (id) => reads.recordById(id), {
      scope: 'dns:write',
      find: (viewer, id) => reads.findRecord(viewer, id),
      notFound: 'DNS record not found.',
    });
  }

  async create(viewer: Viewer, input: CreateDnsRecordInput): Promise<Result> {
    viewer.require('dns:write');
    const zone = await this.reads.findZone(viewer, input.zoneId);
    if (!zone) return refuse('dnsRecord', 'zoneId', 'DNS zone not found.', UserErrorCode.NOT_FOUND);
    if (zone.status !== 'ACTIVE')
      return refuse('dnsRecord', 'zoneId', `Zone ${zone.name} is ${zone.status}.`, UserErrorCode.INVALID_STATE);
    const valid = validateDnsRecord(zone.name, input);
    if ('problems' in valid) {
      return { dnsRecord: null, userErrors: valid.problems.map((p) => userError(p.field, p.message)) };
    }
    try {
      const row = await insertWithEvent(this.deps.db, 'DnsRecord', zone.brandId, async (tx) => {
        await tx.$queryRaw`SELECT id FROM "DnsZone" WHERE id = ${zone.id}::uuid FOR UPDATE`;
        const refusal = await this.conflict(tx, zone.id, valid);
        if (refusal) throw new RecordRefused(refusal);
        return tx.dnsRecord.create({
          data: {
            zoneId: zone.id,
            // The zone's owner, copied: its tenant, or its brand for a brand's own zone.
            ...(zone.tenantId ? { tenantId: zone.tenantId } : { brandId: zone.brandId }),
            ...valid,
            value: input.value.trim(),
            priority: input.priority ?? null,
            weight: input.weight ?? null,
            port: input.port ?? null,
            flags: valid.type === 'CAA' ? (input.flags ?? 0) : null,
            tag: valid.type === 'CAA' ? (input.tag?.trim().toLowerCase() ?? null) : null,
          },
        });
      });
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof RecordRefused) return error.result;
      throw error;
    }
  }

  /** A tenant's own record goes; a managed one follows its source (unbind the FQDN instead). */
  async delete(viewer: Viewer, id: string): Promise<Result> {
    const found = await this.kit.find(viewer, id);
    if ('refused' in found) return found.refused;
    if (found.row.managed) return managedRefusal(found.row.name);
    return this.kit.operate(found.row, 'DELETE');
  }

  retry = (viewer: Viewer, id: string) => this.kit.retry(viewer, id);

  /** What the zone's other records forbid: a CNAME beside other data, a duplicate, too many. */
  private async conflict(tx: DbTx, zoneId: string, r: ValidDnsRecord): Promise<Result | null> {
    const atName = await tx.dnsRecord.findMany({
      where: { zoneId, name: r.name, ...WANTED_RECORDS },
      select: { type: true, content: true },
    });
    if (r.type === 'CNAME' && atName.length > 0)
      return refuse('dnsRecord', 'name', `${r.name} already has records: a CNAME must stand alone at its name.`);
    if (r.type !== 'CNAME' && atName.some((x) => x.type === 'CNAME'))
      return refuse('dnsRecord', 'name', `${r.name} has a CNAME: no other record may be at its name.`);
    if (atName.some((x) => x.type === r.type && x.content === r.content))
      return refuse('dnsRecord', 'value', `${r.name} already has this ${r.type} record.`, UserErrorCode.TAKEN);
    if ((await tx.dnsRecord.count({ where: { zoneId, ...WANTED_RECORDS } })) >= MAX_DNS_RECORDS_PER_ZONE)
      return refuse(
        'dnsRecord',
        'zoneId',
        `A zone holds at most ${MAX_DNS_RECORDS_PER_ZONE} records.`,
        UserErrorCode.QUOTA_EXCEEDED,
      );
    return null;
  }
}

const managedRefusal = (name: string): Result =>
  refuse(
    'dnsRecord',
    'id',
    `The record at ${name} is managed by the platform: it follows its source (unbind the FQDN to remove it).`,
    UserErrorCode.FORBIDDEN,
  );
