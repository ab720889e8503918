// Authoritative DNS on the nodes of the DNS role (PowerDNS, driven through its HTTP API): what the
// workflows send the node agent and what it answers. Plain data and types only: the workflows
// import this inside their deterministic bundle (validation lives in ./records.ts).

/** Record types a zone may hold besides its SOA (NS only below the apex: the apex NS are the brand's). */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA', 'NS'] as const;
export type DnsRecordTypeName = (typeof DNS_RECORD_TYPES)[number];

/**
 * Every record of one name and type (PowerDNS's rrset). `records` hold PowerDNS's content form
 * (zone-file presentation: `10 mail.example.com.`, `"chunk one" "chunk two"`); none: the rrset
 * is deleted. Names are absolute, lowercase, with the trailing dot.
 */
export interface DnsRrset {
  name: string;
  type: DnsRecordTypeName | 'SOA';
  ttl: number;
  records: string[];
}

/** A DNSSEC key as the registrar needs it: the DNSKEY record and its DS digests. */
export interface DnsSecKey {
  /** PowerDNS's cryptokey id on that node (informational). */
  id: number;
  keyType: string;
  algorithm: string;
  /** `257 3 13 <base64>` */
  dnskey: string;
  /** `<tag> <alg> <digest type> <digest>` lines. */
  ds: string[];
  /** The private key (PowerDNS's ISC format), so every DNS node signs with the same key. */
  privateKey: string;
}

/**
 * A whole zone as the database holds it: what `ensureDnsZone` makes true on a node (created when
 * missing, every rrset replaced or deleted to match; the SOA serial is PowerDNS's to bump).
 */
export interface DnsZoneSpec {
  /** `example.com.` */
  name: string;
  /** The SOA and the apex NS first, then every record of the zone grouped by name and type. */
  rrsets: DnsRrset[];
  /** Signed by PowerDNS (a CSK). */
  dnssec: boolean;
  /**
   * The keys another DNS node already signs the zone with: imported so every node answers with
   * the same DNSKEY (the DS at the registrar matches them all), others removed. Empty: see
   * `keptKeys`.
   */
  keys: DnsSecKey[];
  /**
   * The keys the platform keeps for the zone (sealed in its database): imported by a node that
   * does not sign the zone yet (a wiped or new one), so the registrar's DS still fits. A node
   * that signs it already keeps its own keys (a key rollover is done there). None: it makes its own.
   */
  keptKeys?: DnsSecKey[];
}

/** Where a node's PowerDNS answers queries (UDP and TCP). */
export interface DnsEndpoint {
  address: string;
  port: number;
}

export interface DnsZoneResult {
  changed: boolean;
  endpoint: DnsEndpoint;
  /** The zone's DNSSEC keys on this node (none when unsigned). */
  keys: DnsSecKey[];
}

export interface DnsChangeResult {
  changed: boolean;
  endpoint: DnsEndpoint;
}

/** Failure types of the DNS activities that no retry can fix (PowerDNS refused the content; a zone the node lacks). */
export const DNS_ERROR_TYPES = ['DnsRejected', 'DnsZoneMissing'] as const;

/** The node agent's DNS activities (task queue `node-<id>`), as workflows proxy them. */
export interface DnsActivities {
  /** The zone exactly as the spec says (created when missing); its DNSSEC keys. */
  ensureDnsZone(spec: DnsZoneSpec): Promise<DnsZoneResult>;
  /** Replaces (or, with no records, deletes) these rrsets of an existing zone: one PATCH. */
  patchDnsRrsets(input: { zone: string; rrsets: DnsRrset[] }): Promise<DnsChangeResult>;
  /** Removes the zone (nothing when it is not there). */
  removeDnsZone(input: { zone: string }): Promise<DnsChangeResult>;
  /** The zones this node serves (what convergence compares with the database). */
  listDnsZones(): Promise<{ zones: string[]; endpoint: DnsEndpoint }>;
}
