// Certificate rows as the API shows them (never the key), and who may see them: through their
// FQDN's webroot, like the FQDN itself.
import type { CertificateRecord, ResourceStatus, TlsMode, Viewer } from '@hostplane/schema';
import type { CertificateModel as Certificate } from '../db/index.js';
import { visibleFqdnsWhere } from '../webroots/webroot-records.js';

/** What a certificate row is loaded with: its host name and its brand. */
export const withFqdnOwner = {
  fqdn: { select: { hostname: true, webroot: { select: { tenant: { select: { brandId: true } } } } } },
} as const;

type CertificateRow = Certificate & { fqdn: { hostname: string; webroot: { tenant: { brandId: string } } } };

export function certificateRecord(row: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    fqdnId: row.fqdnId,
    tenantId: row.tenantId,
    brandId: row.fqdn.webroot.tenant.brandId,
    hostname: row.fqdn.hostname,
    source: row.source as TlsMode,
    issuer: row.issuer,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    serial: row.serial,
    fingerprint: row.fingerprint,
    renewAfter: row.renewAfter,
    status: row.status as ResourceStatus,
    statusMessage: row.statusMessage,
    lastOperation: row.lastOperation,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Certificates the viewer may see: those of FQDNs it may see. */
export const visibleCertificatesWhere = (viewer: Viewer) => ({ fqdn: visibleFqdnsWhere(viewer) });
