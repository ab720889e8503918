'use client';
// One FQDN's HTTPS in its webroot's host names: the certificate's issuer, expiry and live status
// (it moves on as the certificate's events arrive), Renew and Retry, and the TLS settings and
// upload forms where the key's scopes allow them.
import { useMutation, useQuery } from '@apollo/client/react';
import { FormDialog } from '@/components/form-dialog';
import { StatusBadge } from '@/components/status-badge';
import { useMayCall } from '@/features/session/require-session';
import { FqdnCertificateDocument, RenewCertificateDocument, RetryCertificateDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useRefetchOn } from '@/lib/hooks';
import { TlsSettingsForm } from './tls-settings-form';
import { UploadCertificateForm } from './upload-certificate-form';

export function FqdnCertificate({ fqdnId, tenantId }: { fqdnId: string; tenantId: string }) {
  const mayCall = useMayCall();
  // Without certificates:read there is nothing to show (and no query to send).
  const readable = mayCall('certificate');
  const { data, refetch } = useQuery(FqdnCertificateDocument, { variables: { id: fqdnId }, skip: !readable });
  const [renew, renewing] = useMutation(RenewCertificateDocument);
  const [retry, retrying] = useMutation(RetryCertificateDocument);
  // A certificate's issuer and expiry change with its status: read them again on its events.
  useRefetchOn((e) => e.resourceType === 'Certificate' && e.tenantId === tenantId, refetch);
  const node = data?.node;
  const fqdn = node && 'tlsMode' in node ? node : null;
  if (!fqdn) return null;
  const cert = fqdn.certificate;
  const settings = {
    id: fqdn.id,
    tlsMode: fqdn.tlsMode,
    httpsRedirect: fqdn.httpsRedirect,
    hstsMaxAge: fqdn.hstsMaxAge,
  };
  return (
    <div className="certificate" data-testid={`certificate-${fqdn.hostname}`}>
      <span className="muted">HTTPS </span>
      {fqdn.tlsMode === 'OFF' ? (
        <span className="muted">off</span>
      ) : cert ? (
        <>
          <StatusBadge status={cert.status} />{' '}
          {cert.issuer ? (
            <span>
              {cert.source === 'CUSTOM' ? 'uploaded, ' : ''}issued by <strong>{cert.issuer}</strong>, expires{' '}
              <time dateTime={cert.notAfter ?? undefined}>{formatDateTime(cert.notAfter)}</time>
              {cert.daysLeft !== null && cert.daysLeft !== undefined ? ` (${cert.daysLeft} days)` : ''}
            </span>
          ) : cert.status === 'PROVISIONING' && cert.statusMessage ? (
            // Automatic TLS waiting for the name's DNS to point here: what it waits for.
            <span className="muted">{cert.statusMessage}</span>
          ) : (
            <span className="muted">being issued</span>
          )}
          {cert.status === 'FAILED' && cert.statusMessage ? <p className="field-error">{cert.statusMessage}</p> : null}
        </>
      ) : (
        <span className="muted">waiting for the name to route</span>
      )}
      {fqdn.tlsMode !== 'OFF' && (fqdn.httpsRedirect || fqdn.hstsMaxAge !== null) ? (
        <span className="muted">
          {fqdn.httpsRedirect ? ' · HTTP redirects to HTTPS' : ''}
          {fqdn.hstsMaxAge !== null ? ` · HSTS ${fqdn.hstsMaxAge} s` : ''}
        </span>
      ) : null}{' '}
      {cert && cert.source === 'AUTOMATIC' && cert.viewerCan.update && cert.status === 'ACTIVE' ? (
        <button
          type="button"
          disabled={renewing.loading}
          onClick={() => void renew({ variables: { input: { id: cert.id } } })}
          aria-label={`Renew the certificate of ${fqdn.hostname}`}
        >
          Renew
        </button>
      ) : null}
      {cert && cert.status === 'FAILED' && cert.viewerCan.retry ? (
        <button
          type="button"
          disabled={retrying.loading}
          onClick={() => void retry({ variables: { input: { id: cert.id } } })}
          aria-label={`Retry the certificate of ${fqdn.hostname}`}
        >
          Retry
        </button>
      ) : null}
      {mayCall('setFqdnTls') ? (
        <FormDialog label="TLS settings" title={`HTTPS of ${fqdn.hostname}`}>
          {(close) => <TlsSettingsForm fqdn={settings} onDone={close} />}
        </FormDialog>
      ) : null}
      {mayCall('uploadCertificate') ? (
        <FormDialog label="Upload certificate" title={`A certificate of your own for ${fqdn.hostname}`}>
          {(close) => <UploadCertificateForm fqdnId={fqdn.id} onDone={close} />}
        </FormDialog>
      ) : null}
    </div>
  );
}
