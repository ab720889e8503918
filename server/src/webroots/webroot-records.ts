import type { FqdnRecord, Viewer, WebrootRecord } from '@hostplane/schema';
import type { FqdnModel as Fqdn, WebrootModel as Webroot } from '../db/index.js';
import { hostnameChallenge, serviceHostname } from '../temporal/contract.js';
import { canSeeTenant, visibleTenantsWhere } from '../tenants/tenant-access.js';

/** Prisma `include` bringing what a webroot record needs from its tenant and brand. */
export const withOwner = {
  tenant: {
    select: {
      name: true,
      brandId: true,
      status: true,
      shardId: true,
      brand: { select: { baseHostname: true } },
    },
  },
} as const;

/** Prisma `include` bringing an FQDN's brand along. */
export const withWebrootOwner = {
  webroot: { select: { tenant: { select: { brandId: true } } } },
} as const;

type WebrootRow = Webroot & {
  tenant: { name: string; brandId: string; brand: { baseHostname: string } };
};
type FqdnRow = Fqdn & { webroot: { tenant: { brandId: string } } };

export function webrootRecord(row: WebrootRow): WebrootRecord {
  const { tenant, ...rest } = row;
  return {
    ...rest,
    brandId: tenant.brandId,
    serviceHostname: serviceHostname(row.name, tenant.name, tenant.brand.baseHostname),
  } as unknown as WebrootRecord;
}

export function fqdnRecord(row: FqdnRow): FqdnRecord {
  const { webroot, verificationToken, ...rest } = row;
  const challenge = verificationToken ? hostnameChallenge(row.hostname, verificationToken) : null;
  const verification = {
    verified: row.verifiedAt !== null,
    verifiedAt: row.verifiedAt,
    recordName: challenge?.name ?? null,
    recordValue: challenge?.value ?? null,
  };
  return { ...rest, verification, brandId: webroot.tenant.brandId } as unknown as FqdnRecord;
}

/** Webroots (and, through them, FQDNs) the viewer may see: its brands, its tenant. */
export const visibleWebrootsWhere = (viewer: Viewer) => ({ tenant: visibleTenantsWhere(viewer) });
export const visibleFqdnsWhere = (viewer: Viewer) => ({ webroot: visibleWebrootsWhere(viewer) });

/** The same check for one record already loaded. */
export const canSeeRecord = (viewer: Viewer, record: { tenantId: string; brandId: string }) =>
  canSeeTenant(viewer, { id: record.tenantId, brandId: record.brandId });

/** Lists leave DELETED rows out unless a status filter asks for them. */
export const NOT_DELETED = { status: { not: 'DELETED' as const } };
