// A signed zone's DNSSEC keys kept by the platform, not only by PowerDNS: the private keys are
// sealed under the zone's tenant's data key (the secrets envelope, server/src/secrets) and bound
// to the zone's row, so a wiped DNS node re-imports the very keys whose DS the registrar holds
// instead of making new ones (which would turn the zone bogus for every validating resolver).
import type { DnsSecKey } from '@hostplane/contract/dns';
import type { Db } from '@hostplane/server/db';
import { dataKeyOf, openValue, sealValue, type SecretsVault } from '@hostplane/server/secrets';

/** What is sealed: enough to import the key again and to tell it apart (its DNSKEY). */
type KeptKey = Pick<DnsSecKey, 'keyType' | 'algorithm' | 'dnskey' | 'ds' | 'privateKey'>;

const placeOf = (zoneId: string) => ({ owner: `dns-zone:${zoneId}`, name: 'dnssec-private-keys' });

/** The same set of keys (by DNSKEY), whatever their order or node-local ids. */
const sameKeys = (a: Array<{ dnskey: string }>, b: Array<{ dnskey: string }>) =>
  a.length === b.length && a.every((k) => b.some((o) => o.dnskey === k.dnskey));

/**
 * The zone's kept keys, opened (ids are node-local: 0). None when it has none yet or when the
 * worker has no master key (the first DNS node then signs with keys of its own, as before).
 */
export async function keptDnssecKeys(
  db: Db,
  vault: SecretsVault | undefined,
  zone: { id: string; tenantId: string | null; dnssecSealedKeys: Uint8Array | null },
): Promise<DnsSecKey[]> {
  const { tenantId } = zone;
  if (!vault || !zone.dnssecSealedKeys || !tenantId) return [];
  const dataKey = await db.$transaction((tx) => dataKeyOf(tx, vault, tenantId));
  const { owner, name } = placeOf(zone.id);
  const kept = JSON.parse(openValue(dataKey, owner, name, zone.dnssecSealedKeys)) as KeptKey[];
  return kept.map((k) => ({ id: 0, ...k }));
}

/**
 * Keeps the keys a DNS node signs the zone with, sealed; nothing when the same keys are kept
 * already (sealing is randomized, so the comparison is on the opened DNSKEYs). Keys without a
 * private part (a node that did not show it) are not kept: they could never be imported.
 */
export async function keepDnssecKeys(
  db: Db,
  vault: SecretsVault | undefined,
  zoneId: string,
  keys: DnsSecKey[],
): Promise<boolean> {
  const importable = keys.filter((k) => k.privateKey);
  if (!vault || importable.length === 0 || importable.length !== keys.length) return false;
  const zone = await db.dnsZone.findUnique({
    where: { id: zoneId },
    select: { id: true, tenantId: true, dnssecSealedKeys: true },
  });
  // A brand's own zone has no tenant data key to seal under: PowerDNS alone keeps its keys.
  const tenantId = zone?.tenantId;
  if (!zone || !tenantId) return false;
  if (sameKeys(await keptDnssecKeys(db, vault, zone), importable)) return false;
  const kept: KeptKey[] = importable.map(({ keyType, algorithm, dnskey, ds, privateKey }) => ({
    keyType,
    algorithm,
    dnskey,
    ds,
    privateKey,
  }));
  const dataKey = await db.$transaction((tx) => dataKeyOf(tx, vault, tenantId));
  const { owner, name } = placeOf(zone.id);
  await db.dnsZone.update({
    where: { id: zoneId },
    data: { dnssecSealedKeys: new Uint8Array(sealValue(dataKey, owner, name, JSON.stringify(kept))) },
  });
  return true;
}

/** DNSSEC turned off: the kept keys go too (turning it on again makes new ones, and a new DS). */
export async function forgetDnssecKeys(db: Db, zoneId: string): Promise<void> {
  await db.dnsZone.updateMany({
    where: { id: zoneId, dnssec: false, dnssecSealedKeys: { not: null } },
    data: { dnssecSealedKeys: null },
  });
}
