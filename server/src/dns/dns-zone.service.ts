import {
  UserErrorCode,
  type CreateDnsZoneInput,
  type DnsZoneMutationResult,
  type SetDnsZoneDnssecInput,
  type Viewer,
} from '@hostplane/schema';
import { bareName, zoneNameProblem } from '@hostplane/contract/dns/records';
import { insertWithEvent, isUniqueViolation } from '../data-stores/insert.js';
import { QuotaExceeded } from '../plans/quota.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import type { ServiceDeps } from '../services.js';
import type { DnsReads } from './dns-reads.js';
import { resolveZoneOwner, zoneNameRefusal } from './zone-owner.js';

type Result = DnsZoneMutationResult;

/**
 * DNS zones of a tenant or of a brand itself: create (name checked: a domain, nobody's here, the
 * owner's to host — see ./zone-owner.ts), DNSSEC on/off, delete, retry.
 */
export class DnsZoneService {
  readonly kit;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly reads: DnsReads,
  ) {
    this.kit = lifecycleOf(deps, 'DnsZone', (id) => reads.zoneById(id), {
      scope: 'dns:write',
      find: (viewer, id) => reads.findZone(viewer, id),
      notFound: 'DNS zone not found.',
    });
  }

  async create(viewer: Viewer, input: CreateDnsZoneInput): Promise<Result> {
    viewer.require('dns:write');
    const owner = await resolveZoneOwner(this.deps.db, viewer, input);
    if ('userErrors' in owner) return { dnsZone: null, userErrors: owner.userErrors };
    const ownerField = owner.tenantId ? 'tenantId' : 'brandId';
    const name = bareName(input.name);
    const problem = zoneNameProblem(name);
    if (problem) return refuse('dnsZone', 'name', problem);
    const nameRefusal = await zoneNameRefusal(this.deps.db, owner, name);
    if (nameRefusal) return refuse('dnsZone', 'name', nameRefusal.message, nameRefusal.code);
    const brand = await this.deps.db.brand.findUniqueOrThrow({ where: { id: owner.brandId } });
    if (brand.nsHostnames.length === 0)
      return refuse(
        'dnsZone',
        ownerField,
        'The brand has no name servers to put in the zone.',
        UserErrorCode.INVALID_STATE,
      );
    const taken = () => refuse('dnsZone', 'name', `${name} is already hosted here.`, UserErrorCode.TAKEN);
    if (await this.deps.db.dnsZone.findFirst({ where: { name, status: { not: 'DELETED' } }, select: { id: true } }))
      return taken();
    try {
      // A brand's zone counts against no tenant's plan (insertWithEvent checks tenants' rows only).
      const row = await insertWithEvent(this.deps.db, 'DnsZone', owner.brandId, (tx) =>
        tx.dnsZone.create({
          data: {
            ...(owner.tenantId ? { tenantId: owner.tenantId } : { brandId: owner.brandId }),
            name,
            dnssec: input.dnssec ?? false,
          },
        }),
      );
      return this.kit.started(row.id, 'CREATE');
    } catch (error) {
      if (error instanceof QuotaExceeded) return error.refusal('dnsZone');
      if (isUniqueViolation(error)) return taken();
      throw error;
    }
  }

  /** DNSSEC on or off: the zone written again (its UPDATE); the same value changes nothing. */
  async setDnssec(viewer: Viewer, input: SetDnsZoneDnssecInput): Promise<Result> {
    const found = await this.kit.find(viewer, input.id);
    if ('refused' in found) return found.refused;
    if (found.row.dnssec === input.dnssec) return { dnsZone: found.row, userErrors: [] };
    return this.kit.operate(found.row, 'UPDATE', { data: { dnssec: input.dnssec } });
  }

  /** A zone with mail on it stays until mail is disabled (its mailboxes would lose their MX and DKIM). */
  async delete(viewer: Viewer, id: string): Promise<Result> {
    const found = await this.kit.find(viewer, id);
    if ('refused' in found) return found.refused;
    const mail = await this.deps.db.mailDomain.findFirst({
      where: { zoneId: found.row.id, status: { not: 'DELETED' } },
      select: { id: true },
    });
    if (mail)
      return refuse(
        'dnsZone',
        'id',
        `Mail is enabled on ${found.row.name}: disable it (deleteMailDomain) first.`,
        UserErrorCode.INVALID_STATE,
      );
    return this.kit.operate(found.row, 'DELETE');
  }

  retry = (viewer: Viewer, id: string) => this.kit.retry(viewer, id);
}
