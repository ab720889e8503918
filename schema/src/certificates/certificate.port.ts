import type { UserError } from '../common/user-error.js';
import type { Viewer } from '../common/viewer.js';
import type { FqdnRecord } from '../webroots/fqdn.type.js';
import type { SetFqdnTlsInput, UploadCertificateInput } from './certificate.input.js';
import type { CertificateRecord, TlsMode } from './certificate.type.js';

export interface CertificateMutationResult {
  certificate: CertificateRecord | null;
  userErrors: UserError[];
}

/** An FQDN's TLS settings. */
export interface FqdnTlsRecord {
  mode: TlsMode;
  httpsRedirect: boolean;
  hstsMaxAge: number | null;
}

/**
 * Implemented by `server`; every method authorizes against the viewer (`certificates:read|write`,
 * brand, tenant binding). Getters return null for what is missing or not visible.
 */
export interface CertificatesPort {
  get(viewer: Viewer, id: string): Promise<CertificateRecord | null>;
  /** The FQDN's live certificate (the FQDN is the resolver's root: already visible). */
  ofFqdn(viewer: Viewer, fqdn: FqdnRecord): Promise<CertificateRecord | null>;
  tlsOf(viewer: Viewer, fqdn: FqdnRecord): Promise<FqdnTlsRecord>;
  /** Live certificates ending within `days` (or FAILED ones), soonest first, of what the viewer sees. */
  expiring(viewer: Viewer, days: number): Promise<CertificateRecord[]>;
  setFqdnTls(viewer: Viewer, input: SetFqdnTlsInput): Promise<{ fqdn: FqdnRecord | null; userErrors: UserError[] }>;
  upload(viewer: Viewer, input: UploadCertificateInput): Promise<CertificateMutationResult>;
  renew(viewer: Viewer, id: string): Promise<CertificateMutationResult>;
  retry(viewer: Viewer, id: string): Promise<CertificateMutationResult>;
}
