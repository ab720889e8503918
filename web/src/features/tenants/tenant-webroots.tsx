'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { StatusBadge } from '@/components/status-badge';
import { useViewer } from '@/features/session/require-session';
import {
  RetryFqdnDocument,
  RetryWebrootDocument,
  TenantWebrootsDocument,
  type WebrootRowFragment,
} from '@/generated/graphql';
import { useRefetchOn } from '@/lib/hooks';
import { hasScope } from '@/lib/scopes';

/** The tenant's webroots (sites) with their host names; statuses change live. */
export function TenantWebroots({ tenantId }: { tenantId: string }) {
  const { scopes } = useViewer();
  const canWrite = hasScope(scopes, 'webroots:write');
  const { data, loading, error, refetch } = useQuery(TenantWebrootsDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryWebrootDocument);
  const [retryFqdn, retryingFqdn] = useMutation(RetryFqdnDocument);
  useRefetchOn(
    (e) =>
      (e.resourceType === 'Webroot' || e.resourceType === 'Fqdn') &&
      e.tenantId === tenantId &&
      (e.kind === 'CREATED' || e.kind === 'DELETED'),
    refetch,
  );
  const webroots = data?.tenant.webroots;
  if (!webroots) return <QueryState loading={loading} error={error} hasData={false} what="webroot list" />;
  if (!webroots.length) return <p className="muted">No webroots.</p>;
  const hostnames = (webroot: WebrootRowFragment) => (
    <ul className="plain-list compact">
      <li>
        <code>{webroot.serviceHostname}</code>
      </li>
      {webroot.fqdns.map((fqdn) => (
        <li key={fqdn.id}>
          <code>{fqdn.hostname}</code> <StatusBadge status={fqdn.status} />
          {fqdn.status === 'FAILED' && canWrite ? (
            <button
              type="button"
              disabled={retryingFqdn.loading}
              onClick={() => void retryFqdn({ variables: { input: { id: fqdn.id } } })}
              aria-label={`Retry ${fqdn.hostname}`}
            >
              Retry
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <ResourceTable
      label="Webroots"
      rows={webroots}
      columns={[
        { header: 'Runtime', cell: (w) => `${w.runtime} ${w.runtimeVersion}` },
        { header: 'Host names', cell: hostnames },
      ]}
      onRetry={canWrite ? (w) => void retry({ variables: { input: { id: w.id } } }) : undefined}
      retrying={retrying.loading}
    />
  );
}
