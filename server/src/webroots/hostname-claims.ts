// Who may bind a host name, and whether it routes at once (SECURITY.md, hostname squatting).
// A name is somebody's the moment the load balancer routes it: a tenant must not be able to take
// another brand's names, nor a customer's `www.` that DNS already points at the platform.
import { randomBytes } from 'node:crypto';
import { userError, UserErrorCode, type UserError, type Viewer } from '@hostplane/schema';
import type { Db } from '../db/index.js';

/** `name` is `suffix` or under it. */
export const isUnder = (name: string, suffix: string) => name === suffix || name.endsWith(`.${suffix}`);

/** A brand's reserved names: its base hostname (service hostnames) and the suffixes it reserved. */
const reservedBy = (brand: { baseHostname: string; reservedHostnameSuffixes: string[] }) => [
  brand.baseHostname,
  ...brand.reservedHostnameSuffixes,
];

export interface HostnameClaim {
  /** Null: control is proven already (routes at once). Else the token its TXT challenge must hold. */
  verificationToken: string | null;
}

/**
 * Refuses a name another brand reserved (HOSTNAME_RESERVED, without saying whose); otherwise
 * says whether the binding must prove control first. No proof is asked of a platform
 * administrator (the operator) nor under a suffix the tenant's own brand reserved (the brand
 * vouches: free subdomains); everyone else publishes a TXT record before the name routes.
 */
export async function claimHostname(
  db: Db,
  viewer: Viewer,
  hostname: string,
  brandId: string,
): Promise<HostnameClaim | { userError: UserError }> {
  const brands = await db.brand.findMany({ select: { id: true, baseHostname: true, reservedHostnameSuffixes: true } });
  const reservedElsewhere = brands.some((b) => b.id !== brandId && reservedBy(b).some((s) => isUnder(hostname, s)));
  if (reservedElsewhere) {
    return {
      userError: userError(
        'hostname',
        `${hostname} is reserved on this platform: it cannot be bound by this tenant.`,
        UserErrorCode.HOSTNAME_RESERVED,
      ),
    };
  }
  const own = brands.find((b) => b.id === brandId);
  const vouched = own?.reservedHostnameSuffixes.some((s) => isUnder(hostname, s)) ?? false;
  if (viewer.isPlatformAdmin || vouched) return { verificationToken: null };
  return { verificationToken: randomBytes(16).toString('hex') };
}

/**
 * Suffixes a brand may reserve: host names that are nobody else's reserved name, nor above or
 * below one (two brands never claim one name). `brandId` null: a brand being created.
 */
export async function reservedSuffixProblems(
  db: Db,
  brandId: string | null,
  suffixes: string[],
  isHostname: (value: string) => boolean,
): Promise<UserError[]> {
  const bad = suffixes.filter((s) => !isHostname(s));
  if (bad.length) {
    return [userError('reservedHostnameSuffixes', `Not host names: ${bad.slice(0, 5).join(', ')}.`)];
  }
  const others = await db.brand.findMany({
    where: brandId ? { id: { not: brandId } } : {},
    select: { baseHostname: true, reservedHostnameSuffixes: true },
  });
  const taken = suffixes.filter((s) => others.some((b) => reservedBy(b).some((r) => isUnder(s, r) || isUnder(r, s))));
  if (taken.length) {
    return [
      userError(
        'reservedHostnameSuffixes',
        `Already reserved (or overlapping a reservation) elsewhere: ${taken.slice(0, 5).join(', ')}.`,
        UserErrorCode.TAKEN,
      ),
    ];
  }
  return [];
}
