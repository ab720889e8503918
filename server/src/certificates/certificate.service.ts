import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import {
  decodeIdOf,
  TlsMode,
  UserErrorCode,
  type CertificateMutationResult,
  type CertificateRecord,
  type CertificatesPort,
  type FqdnRecord,
  type FqdnTlsRecord,
  type SetFqdnTlsInput,
  type UploadCertificateInput,
  type Viewer,
} from '@hostplane/schema';
import { hstsProblem } from '@hostplane/contract/certificates';
import { userError } from '@hostplane/schema';
import { appendEvent } from '../events/publish.js';
import { isGone } from '../resources/gone.js';
import { lifecycleOf, refuse } from '../resources/lifecycle.js';
import { dataKeyOf } from '../secrets/data-keys.js';
import type { ServiceDeps } from '../services.js';
import { fqdnRecord, visibleFqdnsWhere, withWebrootOwner } from '../webroots/webroot-records.js';
import { certificateRecord, visibleCertificatesWhere, withFqdnOwner } from './certificate-records.js';
import { sealCertificateKey } from './key-seal.js';
import { checkUpload } from './pem.js';

type Result = CertificateMutationResult;
const DAY = 86_400_000;
/** Ten years: longer than any certificate a CA issues. */
const MAX_WINDOW_DAYS = 3660;
/** A certificate in one of these is in a workflow: a change waits for it. */
const BUSY = ['PENDING', 'PROVISIONING', 'DELETING'];

/**
 * Certificates and the TLS settings of FQDNs: automatic (ACME) or uploaded, renewed, retried and
 * removed through the resource kit; the private key of an upload is checked, then sealed under
 * the tenant's data key in the same transaction that stores it, and never read back here.
 */
export class CertificateService implements CertificatesPort {
  private readonly kit;
  private readonly tls = new DataLoader<string, FqdnTlsRecord & { certificate: CertificateRecord | null }>(
    async (ids) => {
      const rows = await this.deps.db.fqdn.findMany({
        where: { id: { in: [...ids] } },
        select: {
          id: true,
          tlsMode: true,
          httpsRedirect: true,
          hstsMaxAge: true,
          certificate: { include: withFqdnOwner },
        },
      });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => {
        const row = byId.get(id);
        if (!row) return { mode: TlsMode.OFF, httpsRedirect: false, hstsMaxAge: null, certificate: null };
        const live = row.certificate && row.certificate.status !== 'DELETED' ? row.certificate : null;
        return {
          mode: row.tlsMode as TlsMode,
          httpsRedirect: row.httpsRedirect,
          hstsMaxAge: row.hstsMaxAge,
          certificate: live ? certificateRecord(live) : null,
        };
      });
    },
  );

  constructor(private readonly deps: ServiceDeps) {
    this.kit = lifecycleOf(
      deps,
      'Certificate',
      async (id) =>
        certificateRecord(await deps.db.certificate.findUniqueOrThrow({ where: { id }, include: withFqdnOwner })),
      { scope: 'certificates:write', find: (viewer, id) => this.find(viewer, id), notFound: 'Certificate not found.' },
    );
  }

  async get(viewer: Viewer, id: string): Promise<CertificateRecord | null> {
    viewer.require('certificates:read');
    const row = await this.find(viewer, id);
    return row ? certificateRecord(row) : null;
  }

  async ofFqdn(viewer: Viewer, fqdn: FqdnRecord): Promise<CertificateRecord | null> {
    viewer.require('certificates:read');
    return (await this.tls.load(fqdn.id)).certificate;
  }

  async tlsOf(viewer: Viewer, fqdn: FqdnRecord): Promise<FqdnTlsRecord> {
    viewer.require('certificates:read');
    const { mode, httpsRedirect, hstsMaxAge } = await this.tls.load(fqdn.id);
    return { mode, httpsRedirect, hstsMaxAge };
  }

  async expiring(viewer: Viewer, days: number): Promise<CertificateRecord[]> {
    viewer.require('certificates:read');
    const within = Math.max(0, Math.min(MAX_WINDOW_DAYS, Math.floor(days)));
    const rows = await this.deps.db.certificate.findMany({
      where: {
        ...visibleCertificatesWhere(viewer),
        OR: [{ status: 'ACTIVE', notAfter: { lte: new Date(Date.now() + within * DAY) } }, { status: 'FAILED' }],
      },
      include: withFqdnOwner,
      orderBy: [{ notAfter: { sort: 'asc', nulls: 'first' } }],
      take: 500,
    });
    return rows.map(certificateRecord);
  }

  async setFqdnTls(viewer: Viewer, input: SetFqdnTlsInput) {
    viewer.require('certificates:write');
    const fqdn = await this.findFqdn(viewer, input.fqdnId);
    const refused = (field: string, message: string, code = UserErrorCode.INVALID) => ({
      fqdn: null,
      userErrors: [userError(field, message, code)],
    });
    if (!fqdn) return refused('fqdnId', 'FQDN not found.', UserErrorCode.NOT_FOUND);
    if (isGone(fqdn.status)) return refused('fqdnId', `The FQDN is ${fqdn.status}.`, UserErrorCode.INVALID_STATE);
    const hsts = input.hstsMaxAge === undefined ? fqdn.hstsMaxAge : input.hstsMaxAge;
    const problem = hstsProblem(hsts);
    if (problem) return refused('hstsMaxAge', `hstsMaxAge ${problem}.`);
    const cert = fqdn.certificate && fqdn.certificate.status !== 'DELETED' ? fqdn.certificate : null;
    if (input.mode === TlsMode.CUSTOM && cert?.source !== 'CUSTOM')
      return refused('mode', 'Upload a certificate (uploadCertificate) to use CUSTOM.', UserErrorCode.INVALID_STATE);
    if (cert && BUSY.includes(cert.status))
      return refused(
        'fqdnId',
        `Its certificate is ${cert.status}; try again once it is done.`,
        UserErrorCode.INVALID_STATE,
      );
    const updated = await this.deps.db.fqdn.update({
      where: { id: fqdn.id },
      data: { tlsMode: input.mode, httpsRedirect: input.httpsRedirect ?? fqdn.httpsRedirect, hstsMaxAge: hsts },
      include: withWebrootOwner,
    });
    const started = await this.apply(fqdn, cert, input.mode);
    return { fqdn: fqdnRecord(updated), userErrors: started.userErrors };
  }

  async upload(viewer: Viewer, input: UploadCertificateInput): Promise<Result> {
    viewer.require('certificates:write');
    const fqdn = await this.findFqdn(viewer, input.fqdnId);
    if (!fqdn) return refuse('certificate', 'fqdnId', 'FQDN not found.', UserErrorCode.NOT_FOUND);
    if (isGone(fqdn.status))
      return refuse('certificate', 'fqdnId', `The FQDN is ${fqdn.status}.`, UserErrorCode.INVALID_STATE);
    const vault = this.deps.vault;
    if (!vault)
      return refuse(
        'certificate',
        'privateKey',
        'Keys cannot be stored on this platform (HOSTPLANE_SECRETS_KEY).',
        UserErrorCode.INVALID_STATE,
      );
    const checked = checkUpload(input, fqdn.hostname);
    if ('problems' in checked)
      return {
        certificate: null,
        userErrors: checked.problems.map((p) => userError(p.field, `${p.field} ${p.message}`)),
      };
    const live = fqdn.certificate && fqdn.certificate.status !== 'DELETED' ? fqdn.certificate : null;
    if (live && BUSY.includes(live.status))
      return refuse(
        'certificate',
        'fqdnId',
        `Its certificate is ${live.status}; try again once it is done.`,
        UserErrorCode.INVALID_STATE,
      );
    const columns = (id: string, dataKey: Buffer) => ({
      source: 'CUSTOM' as const,
      certificatePem: checked.certificatePem,
      sealedKey: new Uint8Array(sealCertificateKey(dataKey, id, checked.keyPem)),
      ...checked.facts,
      renewAfter: null,
      renewFailures: 0,
      renewRequested: false,
    });
    const markCustom = { where: { id: fqdn.id }, data: { tlsMode: 'CUSTOM' as const } };
    if (live) {
      return this.kit.operate(live, 'UPDATE', {
        data: async (tx) => {
          await tx.fqdn.update(markCustom);
          return columns(live.id, await dataKeyOf(tx, vault, fqdn.tenantId));
        },
      });
    }
    const id = randomUUID();
    await this.deps.db.$transaction(async (tx) => {
      // A DELETED row (TLS was off) makes room: one row per FQDN.
      await tx.certificate.deleteMany({ where: { fqdnId: fqdn.id } });
      const row = await tx.certificate.create({
        data: {
          id,
          fqdnId: fqdn.id,
          tenantId: fqdn.tenantId,
          ...columns(id, await dataKeyOf(tx, vault, fqdn.tenantId)),
        },
      });
      await tx.fqdn.update(markCustom);
      await appendEvent(tx, {
        brandId: fqdn.webroot.tenant.brandId,
        tenantId: fqdn.tenantId,
        resourceType: 'Certificate',
        resourceId: id,
        kind: 'CREATED',
        status: row.status,
      });
    });
    return this.kit.started(id, 'CREATE');
  }

  async renew(viewer: Viewer, id: string): Promise<Result> {
    const found = await this.kit.find(viewer, id);
    if ('refused' in found) return found.refused;
    if (found.row.source !== 'AUTOMATIC')
      return refuse(
        'certificate',
        'id',
        'An uploaded certificate is renewed by uploading a new one.',
        UserErrorCode.INVALID_STATE,
      );
    return this.kit.operate(found.row, 'UPDATE', { data: { renewRequested: true } });
  }

  retry = (viewer: Viewer, id: string): Promise<Result> => this.kit.retry(viewer, id);

  /** Starts what a TLS change needs: the certificate removed (OFF), made or re-applied. */
  private async apply(
    fqdn: NonNullable<Awaited<ReturnType<CertificateService['findFqdn']>>>,
    cert: { id: string; status: string; source: string } | null,
    mode: TlsMode,
  ): Promise<Result> {
    if (mode === TlsMode.OFF) return cert ? this.kit.operate(cert, 'DELETE') : { certificate: null, userErrors: [] };
    if (!cert) {
      if (fqdn.status !== 'ACTIVE') return { certificate: null, userErrors: [] }; // the bind issues it once routed
      const id = randomUUID();
      await this.deps.db.$transaction(async (tx) => {
        await tx.certificate.deleteMany({ where: { fqdnId: fqdn.id } });
        const row = await tx.certificate.create({
          data: { id, fqdnId: fqdn.id, tenantId: fqdn.tenantId, source: 'AUTOMATIC' },
        });
        await appendEvent(tx, {
          brandId: fqdn.webroot.tenant.brandId,
          tenantId: fqdn.tenantId,
          resourceType: 'Certificate',
          resourceId: id,
          kind: 'CREATED',
          status: row.status,
        });
      });
      return this.kit.started(id, 'CREATE');
    }
    // From an uploaded one to AUTOMATIC: a new order (the uploaded one serves until it is in).
    const switching = mode === TlsMode.AUTOMATIC && cert.source === 'CUSTOM';
    return this.kit.operate(
      cert,
      'UPDATE',
      switching ? { data: { source: 'AUTOMATIC', certificatePem: null, sealedKey: null } } : {},
    );
  }

  private async findFqdn(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Fqdn', globalId);
    if (!id) return null;
    return this.deps.db.fqdn.findFirst({
      where: { id, ...visibleFqdnsWhere(viewer) },
      include: { ...withWebrootOwner, certificate: true },
    });
  }

  private async find(viewer: Viewer, globalId: string) {
    const id = decodeIdOf('Certificate', globalId);
    if (!id) return null;
    return this.deps.db.certificate.findFirst({
      where: { id, ...visibleCertificatesWhere(viewer) },
      include: withFqdnOwner,
    });
  }
}
