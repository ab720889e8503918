// Who a new zone belongs to, and whether its name is that owner's to host. A tenant's zone keeps
// clear of every brand's base and reserved names (the brands' own); a brand's zone is the inverse:
// only names under its own base hostname or reserved suffixes, which no other brand may take.
import { decodeIdOf, UserErrorCode, type CreateDnsZoneInput, type UserError, type Viewer } from '@hostplane/schema';
import { refusal } from '../common/refuse.js';
import type { Db } from '../db/index.js';
import { resolveOwner } from '../data-stores/placement.js';
import { isUnder } from '../webroots/hostname-claims.js';

/** The zone's owner: exactly one of a tenant and a brand; `brandId` is the owner's brand either way. */
export type ZoneOwner = { tenantId: string | null; brandId: string };

type Brand = { id: string; baseHostname: string; reservedHostnameSuffixes: string[] };
const reservedOf = (b: Brand) => [b.baseHostname, ...b.reservedHostnameSuffixes];

/** The owner the input names (exactly one of tenantId and brandId), when the key may create zones for it. */
export async function resolveZoneOwner(
  db: Db,
  viewer: Viewer,
  input: Pick<CreateDnsZoneInput, 'tenantId' | 'brandId'>,
): Promise<ZoneOwner | { userErrors: UserError[] }> {
  if (input.tenantId && input.brandId)
    return refusal('brandId', 'Give tenantId (a tenant’s zone) or brandId (the brand’s own), not both.');
  if (input.tenantId) {
    const owner = await resolveOwner(db, viewer, input.tenantId);
    return 'userErrors' in owner ? owner : { tenantId: owner.tenant.id, brandId: owner.tenant.brandId };
  }
  if (!input.brandId) return refusal('tenantId', 'Give tenantId (a tenant’s zone) or brandId (the brand’s own zone).');
  // A tenant's key holds nothing of its brand's own; another brand's is reported like a missing one.
  if (viewer.tenantId)
    return refusal('brandId', 'A tenant’s key cannot create the brand’s own zones.', UserErrorCode.FORBIDDEN);
  const id = decodeIdOf('Brand', input.brandId);
  const brand =
    id && viewer.canAccessBrand(id) ? await db.brand.findUnique({ where: { id }, select: { id: true } }) : null;
  if (!brand) return refusal('brandId', 'Brand not found.', UserErrorCode.NOT_FOUND);
  return { tenantId: null, brandId: brand.id };
}

/** Why `name` is not this owner's to host (HOSTNAME_RESERVED unless said otherwise), or null. */
export async function zoneNameRefusal(
  db: Db,
  owner: ZoneOwner,
  name: string,
): Promise<{ message: string; code: UserErrorCode } | null> {
  const brands = await db.brand.findMany({ select: { id: true, baseHostname: true, reservedHostnameSuffixes: true } });
  const reserved = (message: string) => ({ message, code: UserErrorCode.HOSTNAME_RESERVED });
  if (owner.tenantId) {
    for (const b of brands) {
      // At or above anybody's reserved name (its own brand's included): it would hold others' names.
      if (reservedOf(b).some((r) => isUnder(r, name)))
        return reserved(`${name} holds names reserved on this platform.`);
      // Under another brand's: theirs alone.
      if (b.id !== owner.brandId && reservedOf(b).some((r) => isUnder(name, r)))
        return reserved(`${name} is reserved on this platform.`);
      if (b.id === owner.brandId && isUnder(name, b.baseHostname))
        return reserved(`${name} holds the brand's service host names.`);
    }
    return null;
  }
  return brandZoneNameRefusal(brands, owner.brandId, name);
}

/** A brand's zone: under its own names only, clear of other brands'. */
function brandZoneNameRefusal(brands: Brand[], brandId: string, name: string) {
  const reserved = (message: string) => ({ message, code: UserErrorCode.HOSTNAME_RESERVED });
  const others = brands.filter((b) => b.id !== brandId);
  if (others.some((b) => reservedOf(b).some((r) => isUnder(name, r) || isUnder(r, name))))
    return reserved(`${name} is reserved on this platform.`);
  const own = brands.find((b) => b.id === brandId)!;
  // The base hostname's own zone is the platform's (SOA, NS and the service host names).
  if (name === own.baseHostname)
    return reserved(`${name} is the brand's base zone, which the platform writes itself: use a name under it.`);
  const underOwn = isUnder(name, own.baseHostname) || own.reservedHostnameSuffixes.some((s) => isUnder(name, s));
  if (!underOwn)
    return {
      message: `${name} is not under the brand's own host names (${reservedOf(own).join(', ')}).`,
      code: UserErrorCode.INVALID,
    };
  // `<tenant>.<base>` and below hold a tenant's service host names (ssh., webroots'), but no zone
  // can take them: tenant names are `t_…` and an underscore is no zone name (zoneNameProblem).
  return null;
}
