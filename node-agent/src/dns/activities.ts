import type { Logger } from 'pino';
import type { DnsActivities, DnsEndpoint, DnsRrset, DnsSecKey, DnsZoneSpec } from '@hostplane/contract/dns';
import { DNS_RECORD_TYPES } from '@hostplane/contract/dns';
import { NonRetryableError } from '@hostplane/contract/errors';
import { reconcile } from '../reconcile.js';
import { PdnsApiError, type ApiCryptokey, type ApiRrset, type PdnsApi } from './api.js';

const TYPES = new Set<string>([...DNS_RECORD_TYPES, 'SOA']);
const ZONE = /^(?:[a-z0-9_-]{1,63}\.)+$/;

/** The agent writes nothing it did not check: absolute names inside the zone, known types, one-line contents. */
function checkRrsets(zone: string, rrsets: DnsRrset[]): void {
  if (!ZONE.test(zone)) throw new NonRetryableError('DnsRejected', `bad zone name ${zone}`);
  for (const r of rrsets) {
    const inside = r.name === zone || r.name.endsWith(`.${zone}`);
    if (!inside || !TYPES.has(r.type) || !Number.isInteger(r.ttl) || r.records.some((c) => /[\r\n\0]/.test(c)))
      throw new NonRetryableError('DnsRejected', `rrset ${r.name} ${r.type} is not one the agent writes in ${zone}`);
  }
}

const key = (name: string, type: string) => `${name}|${type}`;

/** An rrset's records as a comparable string; the SOA without its serial (PowerDNS bumps that). */
function fingerprint(type: string, ttl: number, contents: string[]): string {
  const shown = type === 'SOA' ? contents.map((c) => c.split(' ').toSpliced(2, 1).join(' ')) : contents;
  return `${ttl} ${[...shown].sort().join('\n')}`;
}

const live = (r: ApiRrset) => r.records.filter((x) => !x.disabled).map((x) => x.content);

/** The changes that make the zone's rrsets the spec's: REPLACE what differs, DELETE what it lacks. */
export function rrsetChanges(current: ApiRrset[], wanted: DnsRrset[]): DnsRrset[] {
  const have = new Map(current.map((r) => [key(r.name, r.type), fingerprint(r.type, r.ttl, live(r))]));
  const changes = wanted.filter((w) => have.get(key(w.name, w.type)) !== fingerprint(w.type, w.ttl, w.records));
  const wantedKeys = new Set(wanted.map((w) => key(w.name, w.type)));
  for (const r of current) {
    if (!wantedKeys.has(key(r.name, r.type)) && r.type !== 'SOA')
      changes.push({ name: r.name, type: r.type as DnsRrset['type'], ttl: r.ttl, records: [] });
  }
  return changes;
}

/**
 * The node's zones through PowerDNS's API. Each ensure carries the whole zone from the database,
 * so a retry, a reordered call or a wiped PowerDNS database converges on what the database says.
 */
export function createDnsActivities(api: PdnsApi, endpoint: DnsEndpoint, logger: Logger): DnsActivities {
  const keysOf = async (zone: string): Promise<DnsSecKey[]> =>
    (await api.cryptokeys(zone))
      .filter((k) => k.active)
      .map((k) => ({
        id: k.id,
        keyType: k.keytype,
        algorithm: k.algorithm,
        dnskey: k.dnskey,
        ds: k.ds ?? [],
        privateKey: k.privatekey ?? '',
      }));

  /** The zone signed with exactly `keys` (PowerDNS's `have`): missing ones imported, others deleted. */
  async function signWith(zone: string, keys: DnsSecKey[], have: ApiCryptokey[]): Promise<boolean> {
    let changed = false;
    for (const k of keys.filter((w) => !have.some((h) => h.dnskey === w.dnskey))) {
      await api.importCryptokey(zone, { keytype: k.keyType, privatekey: k.privateKey });
      changed = true;
    }
    for (const h of have.filter((h) => !keys.some((w) => w.dnskey === h.dnskey))) {
      await api.deleteCryptokey(zone, h.id);
      changed = true;
    }
    // An imported key does not rectify the zone (NSEC order, auth bits) by itself.
    if (changed) await api.rectify(zone);
    return changed;
  }

  /**
   * The zone signed with exactly `spec.keys` (another node's) when given; else a node that signs
   * it keeps its keys (a rollover done on it), and one that does not — wiped, or new — takes the
   * platform's kept keys, or makes its own when there are none. Unsigned when not asked.
   */
  async function ensureSigning(spec: DnsZoneSpec, signed: boolean): Promise<boolean> {
    if (!spec.dnssec) {
      if (!signed) return false;
      await api.setDnssec(spec.name, false);
      return true;
    }
    if (spec.keys.length > 0) return signWith(spec.name, spec.keys, signed ? await api.cryptokeys(spec.name) : []);
    if (signed) return false;
    if (spec.keptKeys?.length) return signWith(spec.name, spec.keptKeys, []);
    await api.setDnssec(spec.name, true);
    return true;
  }

  return {
    ensureDnsZone: (spec) =>
      reconcile(
        logger,
        'ensureDnsZone',
        { zone: spec.name, rrsets: spec.rrsets.length, dnssec: spec.dnssec },
        async () => {
          checkRrsets(spec.name, spec.rrsets);
          const zone = await api.zone(spec.name);
          let changed: boolean;
          if (!zone) {
            await api.createZone(spec.name, spec.rrsets, false);
            changed = (await ensureSigning(spec, false)) || true;
          } else {
            const changes = rrsetChanges(zone.rrsets, spec.rrsets);
            await api.patch(spec.name, changes);
            changed = (await ensureSigning(spec, zone.dnssec)) || changes.length > 0;
          }
          return { changed, endpoint, keys: spec.dnssec ? await keysOf(spec.name) : [] };
        },
      ),
    patchDnsRrsets: ({ zone, rrsets }) =>
      reconcile(logger, 'patchDnsRrsets', { zone, rrsets: rrsets.length }, async () => {
        checkRrsets(zone, rrsets);
        try {
          await api.patch(zone, rrsets);
        } catch (error) {
          if (error instanceof PdnsApiError && error.status === 404)
            throw new NonRetryableError('DnsZoneMissing', `zone ${zone} is not on this node: converge its DNS shard`);
          throw error;
        }
        return { changed: rrsets.length > 0, endpoint };
      }),
    removeDnsZone: ({ zone }) =>
      reconcile(logger, 'removeDnsZone', { zone }, async () => {
        checkRrsets(zone, []);
        return { changed: await api.deleteZone(zone), endpoint };
      }),
    listDnsZones: async () => ({ zones: await api.zones(), endpoint }),
  };
}
