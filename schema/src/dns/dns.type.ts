import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type TenantOrBrandOwnedRecord } from '../resources/async-resource.type.js';

/** Record types a zone holds (its SOA and apex NS are the platform's). */
export enum DnsRecordType {
  A = 'A',
  AAAA = 'AAAA',
  CNAME = 'CNAME',
  MX = 'MX',
  TXT = 'TXT',
  SRV = 'SRV',
  CAA = 'CAA',
  NS = 'NS',
}
registerEnumType(DnsRecordType, {
  name: 'DnsRecordType',
  description: 'A DNS record type. NS delegates a name below the apex (the apex NS are the brand’s name servers).',
});

/** A DNSSEC key as the DNS zones port hands it out (public parts only). */
export interface DnsSecKeyRecord {
  keyType: string;
  algorithm: string;
  dnskey: string;
  ds: string[];
}

/**
 * A row of the DNS zones table, with its brand's name servers, as the DNS port hands it out:
 * a tenant's zone, or (`tenantId` null) a brand's own.
 */
export interface DnsZoneRecord extends TenantOrBrandOwnedRecord {
  name: string;
  dnssec: boolean;
  dnssecKeys: DnsSecKeyRecord[];
  nameServers: string[];
  hostmaster: string;
}

/** A row of the DNS records table, as the DNS port hands it out. */
export interface DnsRecordRecord extends TenantOrBrandOwnedRecord {
  zoneId: string;
  name: string;
  type: string;
  ttl: number;
  content: string;
  value: string;
  priority: number | null;
  weight: number | null;
  port: number | null;
  flags: number | null;
  tag: string | null;
  managed: boolean;
  sourceType: string | null;
}

/** Where a DNS node answers. */
export interface DnsServerRecord {
  nodeId: string;
  address: string;
  port: number;
}

@ObjectType({ description: 'A DNSSEC signing key of a zone: give the DS (or the DNSKEY) to the registrar.' })
export class DnsSecKey {
  @Field({ description: 'PowerDNS’s key type: `csk` (one key signs everything), `ksk` or `zsk`.' })
  keyType!: string;

  @Field({ description: 'The algorithm, e.g. `ECDSAP256SHA256`.' })
  algorithm!: string;

  @Field({ description: 'The DNSKEY record’s data: `257 3 13 <base64>`.' })
  dnskey!: string;

  @Field(() => [String], {
    description: 'DS records’ data (`<key tag> <algorithm> <digest type> <digest>`), one per digest type.',
  })
  ds!: string[];
}

@ObjectType({ description: 'A DNS node serving the platform’s zones: where the brand’s name servers point.' })
export class DnsServer {
  @Field({ description: 'Its address.' })
  address!: string;

  @Field(() => Int, { description: 'Its port (UDP and TCP).' })
  port!: number;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A DNS zone a tenant (or a brand itself, for names under its own host names) holds here, served by the platform’s PowerDNS with SOA and NS from its brand’s name servers. Point the domain’s NS at `nameServers` at its registrar; with DNSSEC on, give it the DS of `dnssecKeys`.',
})
export class DnsZone extends AsyncResource {
  @Field({ description: 'The zone’s name (`example.com`), lowercase, without the trailing dot.' })
  name!: string;

  @Field({ description: 'Signed with DNSSEC (PowerDNS signs it; `dnssecKeys` shows the keys).' })
  dnssec!: boolean;

  @Field(() => [DnsSecKey], { description: 'Its signing keys (none when unsigned).' })
  dnssecKeys!: DnsSecKey[];

  @Field(() => [String], { description: 'Its name servers (the apex NS): the brand’s.' })
  nameServers!: string[];

  @Field({ description: 'The SOA’s responsible mailbox (the brand’s hostmaster).' })
  hostmaster!: string;

  @Field({ description: 'When the zone was created.' })
  createdAt!: Date;

  @Field({ description: 'When the zone row last changed.' })
  updatedAt!: Date;
}

export const DnsZoneConnection = ConnectionType(DnsZone, 'DnsZone');

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A record of a zone: the tenant’s own, or `managed` by the platform (A/AAAA of a bound FQDN to the load balancers), which follows its source and cannot be changed by the tenant.',
})
export class DnsRecord extends AsyncResource {
  @Field({ description: 'Its owner name, absolute without the trailing dot (`www.example.com`).' })
  name!: string;

  @Field(() => DnsRecordType, { description: 'Record type.' })
  type!: DnsRecordType;

  @Field(() => Int, { description: 'Time to live, seconds.' })
  ttl!: number;

  @Field({ description: 'A/AAAA address, CNAME/NS/MX/SRV target, TXT text or CAA value, as given.' })
  value!: string;

  @Field(() => Int, { nullable: true, description: 'MX and SRV priority.' })
  priority!: number | null;

  @Field(() => Int, { nullable: true, description: 'SRV weight.' })
  weight!: number | null;

  @Field(() => Int, { nullable: true, description: 'SRV port.' })
  port!: number | null;

  @Field(() => Int, { nullable: true, description: 'CAA flags.' })
  flags!: number | null;

  @Field(() => String, { nullable: true, description: 'CAA tag.' })
  tag!: string | null;

  @Field({
    description: 'The record’s data as the name servers serve it (TXT split into quoted strings of ≤255 bytes).',
  })
  content!: string;

  @Field({ description: 'Written by the platform (it follows its source); tenants cannot edit or delete it.' })
  managed!: boolean;

  @Field(() => String, { nullable: true, description: 'What a managed record follows: `FQDN` (a bound host name).' })
  sourceType!: string | null;

  @Field({ description: 'When the record was created.' })
  createdAt!: Date;

  @Field({ description: 'When the record row last changed.' })
  updatedAt!: Date;
}

export const DnsRecordConnection = ConnectionType(DnsRecord, 'DnsRecord');
