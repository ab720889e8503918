// Proof of control of a host name by a zone the tenant holds here (issue 12): the name falls in
// an ACTIVE zone of the FQDN's tenant, and the world's DNS delegates that zone to the brand's
// name servers. Holding a zone here alone proves nothing (anyone may create one for a domain
// that is not theirs); the delegation is what only the domain's owner can set up.
import type { Resolver } from 'node:dns/promises';
import type { Db } from '@hostplane/server/db';
import { zonesCovering } from './managed-records.js';

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

/** The zone whose delegation proves the name, or null. Deepest zone first. */
export async function zoneProvingControl(
  db: Db,
  resolver: Resolver,
  fqdn: { hostname: string; tenantId: string },
): Promise<string | null> {
  const zones = await zonesCovering(db, fqdn.hostname, fqdn.tenantId);
  if (zones.length === 0) return null;
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: fqdn.tenantId },
    select: { brand: { select: { nsHostnames: true } } },
  });
  const ours = new Set(tenant.brand.nsHostnames.map(bare));
  for (const zone of zones.sort((a, b) => b.name.length - a.name.length)) {
    const delegated = await resolver.resolveNs(zone.name).catch(() => [] as string[]);
    if (delegated.some((ns) => ours.has(bare(ns)))) return zone.name;
  }
  return null;
}
