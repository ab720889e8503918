'use client';
// A webroot's host names: its service host name (served or not, with the toggle) and the bound
// FQDNs with their live badges, Retry on FAILED ones and Unbind behind a confirmation.
import { useMutation } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { StatusBadge } from '@/components/status-badge';
import { FqdnCertificate } from '@/features/certificates/fqdn-certificate';
import {
  RetryFqdnDocument,
  UnbindFqdnDocument,
  UpdateWebrootDocument,
  type WebrootRowFragment,
} from '@/generated/graphql';

export function WebrootHostnames({ webroot, tenantId }: { webroot: WebrootRowFragment; tenantId: string }) {
  const [retryFqdn, retrying] = useMutation(RetryFqdnDocument);
  const [unbind] = useMutation(UnbindFqdnDocument);
  const [update] = useMutation(UpdateWebrootDocument);
  const enabled = webroot.serviceHostnameEnabled;
  const changeable = webroot.status === 'ACTIVE' || webroot.status === 'FAILED';
  const fqdns = webroot.fqdns.filter((fqdn) => fqdn.status !== 'DELETED');
  return (
    <ul className="plain-list compact">
      <li>
        <code className={enabled ? undefined : 'off'}>{webroot.serviceHostname}</code>
        {enabled ? null : <span className="muted"> (not served)</span>}
        {webroot.viewerCan.update && changeable ? (
          <>
            {' '}
            <ConfirmButton
              label={enabled ? 'Stop serving' : 'Serve'}
              name={`${enabled ? 'Stop serving' : 'Serve'} ${webroot.serviceHostname}`}
              title={enabled ? `Stop serving ${webroot.serviceHostname}?` : `Serve ${webroot.serviceHostname}?`}
              confirmLabel={enabled ? 'Stop serving' : 'Serve'}
              danger={enabled}
              run={async () => {
                const input = { id: webroot.id, serviceHostnameEnabled: !enabled };
                const { data } = await update({ variables: { input } });
                return data?.updateWebroot.userErrors ?? [];
              }}
            >
              <p>
                {enabled
                  ? 'nginx stops serving it and the load balancer stops routing it; bound host names stay.'
                  : 'nginx serves it and the load balancer routes it again.'}
              </p>
            </ConfirmButton>
          </>
        ) : null}
      </li>
      {fqdns.map((fqdn) => (
        <li key={fqdn.id}>
          <code>{fqdn.hostname}</code> <StatusBadge status={fqdn.status} />
          {/* The status moves on once DNS shows the record; until then, say what to publish. */}
          {!fqdn.verification.verified &&
          fqdn.verification.recordName &&
          ['PENDING', 'FAILED'].includes(fqdn.status) ? (
            <p className="muted" data-testid="fqdn-verification">
              Routes once you prove you control it: publish TXT <code>{fqdn.verification.recordName}</code> ={' '}
              <code>{fqdn.verification.recordValue}</code>
            </p>
          ) : null}
          {fqdn.status === 'ACTIVE' ? <FqdnCertificate fqdnId={fqdn.id} tenantId={tenantId} /> : null}
          {fqdn.status === 'FAILED' && fqdn.viewerCan.retry ? (
            <button
              type="button"
              disabled={retrying.loading}
              onClick={() => void retryFqdn({ variables: { input: { id: fqdn.id } } })}
              aria-label={`Retry ${fqdn.hostname}`}
            >
              Retry
            </button>
          ) : null}
          {fqdn.viewerCan.delete && fqdn.status !== 'DELETING' ? (
            <>
              {' '}
              <ConfirmButton
                label="Unbind"
                name={`Unbind ${fqdn.hostname}`}
                title={`Unbind ${fqdn.hostname}?`}
                confirmLabel="Unbind host name"
                run={async () => {
                  const { data } = await unbind({ variables: { input: { id: fqdn.id } } });
                  return data?.unbindFqdn.userErrors ?? [];
                }}
              >
                <p>The load balancer stops routing it and nginx stops serving it.</p>
              </ConfirmButton>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
