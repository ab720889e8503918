import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../common/user-error.js';
import { DnsRecord, DnsRecordType, DnsZone } from './dns.type.js';

@InputType({
  description: 'Host a DNS zone for a tenant, or for a brand itself (exactly one of `tenantId`, `brandId`).',
})
export class CreateDnsZoneInput {
  @Field(() => ID, { nullable: true, description: 'The tenant who holds it (a tenant’s zone).' })
  tenantId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The brand that holds it itself (a brand administrator’s key or a platform administrator’s): a name under the brand’s base hostname or one of its reserved suffixes. Tenant keys never see brand zones.',
  })
  brandId?: string | null;

  @Field({ description: 'The domain (`example.com`): at least two labels, held by nobody else here.' })
  name!: string;

  @Field({ nullable: true, description: 'Sign it with DNSSEC from the start (default false).' })
  dnssec?: boolean;
}

@InputType({ description: 'Refer to one DNS zone.' })
export class DnsZoneIdInput {
  @Field(() => ID, { description: 'The zone.' })
  id!: string;
}

@InputType({ description: 'Turn DNSSEC on or off for a zone.' })
export class SetDnsZoneDnssecInput {
  @Field(() => ID, { description: 'The zone.' })
  id!: string;

  @Field({
    description: 'True: PowerDNS signs the zone (give its DS to the registrar). False: unsigned (remove the DS first).',
  })
  dnssec!: boolean;
}

@ObjectType({ description: 'Result of a DNS zone mutation.' })
export class DnsZonePayload {
  @Field(() => DnsZone, { nullable: true, description: 'The zone, as written (null on userErrors).' })
  dnsZone!: DnsZone | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Add a record to a zone.' })
export class CreateDnsRecordInput {
  @Field(() => ID, { description: 'The zone.' })
  zoneId!: string;

  @Field({
    description:
      '`@` (or empty) for the apex, a name relative to the zone (`www`, `_sip._tcp`, `*.dev`), or an absolute one ending in a dot.',
  })
  name!: string;

  @Field(() => DnsRecordType, { description: 'Record type.' })
  type!: DnsRecordType;

  @Field(() => Int, { nullable: true, description: 'Time to live in seconds, 30–604800 (default 3600).' })
  ttl?: number | null;

  @Field({
    description:
      'A/AAAA: the address. CNAME, NS, MX, SRV: the target host name. TXT: the text (printable ASCII, split into ≤255-byte strings). CAA: the value (`letsencrypt.org`).',
  })
  value!: string;

  @Field(() => Int, { nullable: true, description: 'MX and SRV: priority, 0–65535.' })
  priority?: number | null;

  @Field(() => Int, { nullable: true, description: 'SRV: weight, 0–65535.' })
  weight?: number | null;

  @Field(() => Int, { nullable: true, description: 'SRV: port, 0–65535.' })
  port?: number | null;

  @Field(() => Int, { nullable: true, description: 'CAA: flags, 0 or 128.' })
  flags?: number | null;

  @Field(() => String, { nullable: true, description: 'CAA: issue, issuewild or iodef.' })
  tag?: string | null;
}

@InputType({ description: 'Refer to one DNS record.' })
export class DnsRecordIdInput {
  @Field(() => ID, { description: 'The record.' })
  id!: string;
}

@ObjectType({ description: 'Result of a DNS record mutation.' })
export class DnsRecordPayload {
  @Field(() => DnsRecord, { nullable: true, description: 'The record, as written (null on userErrors).' })
  dnsRecord!: DnsRecord | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}
