import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Brand, type BrandRecord } from '../brands/brand.type.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import {
  CreateDnsRecordInput,
  CreateDnsZoneInput,
  DnsRecordIdInput,
  DnsRecordPayload,
  DnsZoneIdInput,
  DnsZonePayload,
  SetDnsZoneDnssecInput,
} from './dns.input.js';
import {
  DnsRecord,
  DnsRecordConnection,
  DnsServer,
  DnsZone,
  DnsZoneConnection,
  type DnsRecordRecord,
  type DnsZoneRecord,
} from './dns.type.js';

@Resolver(() => DnsZone)
export class DnsZoneResolver {
  @Query(() => DnsZone, { description: 'One DNS zone by id. NOT_FOUND when missing or not visible.' })
  async dnsZone(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.dns.getZone(ctx.viewer, id)) ?? Promise.reject(notFound('DnsZone'));
  }

  @Mutation(() => DnsZonePayload, {
    description:
      'Host a DNS zone for a tenant (async: PENDING, ACTIVE once every DNS node serves it). Names of FQDNs already bound under it get their managed records.',
  })
  createDnsZone(@Arg('input', { description: 'The new zone.' }) input: CreateDnsZoneInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.createZone(ctx.viewer, input);
  }

  @Mutation(() => DnsZonePayload, {
    description:
      'Turn DNSSEC on or off (async: the zone is written again, signed or not; its keys show in `dnssecKeys`).',
  })
  setDnsZoneDnssec(@Arg('input', { description: 'Zone and flag.' }) input: SetDnsZoneDnssecInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.setDnssec(ctx.viewer, input);
  }

  @Mutation(() => DnsZonePayload, {
    description: 'Stop hosting a zone (async): every DNS node drops it and its records.',
  })
  deleteDnsZone(@Arg('input', { description: 'The zone.' }) input: DnsZoneIdInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.deleteZone(ctx.viewer, input.id);
  }

  @Mutation(() => DnsZonePayload, { description: 'Run the last failed operation of a FAILED DNS zone again.' })
  retryDnsZone(@Arg('input', { description: 'The zone.' }) input: DnsZoneIdInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.retryZone(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one DNS zone (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  dnsZoneChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() zone: DnsZoneRecord): string {
    return toGlobalId('DnsZone', zone.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description:
      'The tenant holding it; null for a brand’s own zone (see `brand`), or with a FORBIDDEN error without tenants:read.',
  })
  tenant(@Root() zone: DnsZoneRecord, @Ctx() ctx: Context) {
    return zone.tenantId ? ctx.ports.dns.loadTenant(ctx.viewer, zone.tenantId) : null;
  }

  @FieldResolver(() => Brand, {
    nullable: true,
    description: 'The brand holding it itself (a zone under the brand’s own host names); null for a tenant’s zone.',
  })
  brand(@Root() zone: DnsZoneRecord, @Ctx() ctx: Context) {
    return zone.tenantId ? null : ctx.ports.brands.load(ctx.viewer, zone.brandId);
  }

  @FieldResolver(() => DnsRecordConnection, {
    description: 'Its records (not DELETED), managed ones included, by name and type.',
  })
  records(@Root() zone: DnsZoneRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.dns.recordsOf(ctx.viewer, zone, args);
  }

  @FieldResolver(() => [DnsServer], { description: 'The DNS nodes that serve it (what its name servers resolve to).' })
  servers(@Root() zone: DnsZoneRecord, @Ctx() ctx: Context) {
    return ctx.ports.dns.serversOf(ctx.viewer, zone);
  }
}

@Resolver(() => DnsRecord)
export class DnsRecordResolver {
  @Query(() => DnsRecord, { description: 'One DNS record by id. NOT_FOUND when missing or not visible.' })
  async dnsRecord(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.dns.getRecord(ctx.viewer, id)) ?? Promise.reject(notFound('DnsRecord'));
  }

  @Mutation(() => DnsRecordPayload, {
    description:
      'Add a record to a zone (async: PENDING, ACTIVE once every DNS node answers it). Checked first: names inside the zone, CNAME exclusivity, targets, TXT length, MX/SRV/CAA fields (field userErrors, nothing written).',
  })
  createDnsRecord(@Arg('input', { description: 'The new record.' }) input: CreateDnsRecordInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.createRecord(ctx.viewer, input);
  }

  @Mutation(() => DnsRecordPayload, { description: 'Remove a record (async). Managed records cannot be removed.' })
  deleteDnsRecord(@Arg('input', { description: 'The record.' }) input: DnsRecordIdInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.deleteRecord(ctx.viewer, input.id);
  }

  @Mutation(() => DnsRecordPayload, { description: 'Run the last failed operation of a FAILED DNS record again.' })
  retryDnsRecord(@Arg('input', { description: 'The record.' }) input: DnsRecordIdInput, @Ctx() ctx: Context) {
    return ctx.ports.dns.retryRecord(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() record: DnsRecordRecord): string {
    return toGlobalId('DnsRecord', record.id);
  }

  @FieldResolver(() => DnsZone, { nullable: true, description: 'The zone it belongs to.' })
  zone(@Root() record: DnsRecordRecord, @Ctx() ctx: Context) {
    return ctx.ports.dns.loadZone(ctx.viewer, record.zoneId);
  }
}

@Resolver(() => Tenant)
export class TenantDnsZonesResolver {
  @FieldResolver(() => DnsZoneConnection, {
    description: 'The DNS zones the tenant holds here (not DELETED), oldest first. Needs dns:read.',
  })
  dnsZones(@Root() tenant: TenantRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.dns.zonesOf(ctx.viewer, tenant.id, args);
  }
}

@Resolver(() => Brand)
export class BrandDnsZonesResolver {
  @FieldResolver(() => DnsZoneConnection, {
    description:
      'The DNS zones the brand holds itself (not DELETED), oldest first: names under its own host names. Needs dns:read and a key not bound to a tenant.',
  })
  dnsZones(@Root() brand: BrandRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.dns.zonesOfBrand(ctx.viewer, brand.id, args);
  }
}
