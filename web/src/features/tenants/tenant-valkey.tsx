'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useViewer } from '@/features/session/require-session';
import { RetryValkeyInstanceDocument, TenantValkeyInstancesDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useRefetchOn } from '@/lib/hooks';
import { hasScope } from '@/lib/scopes';

/** The tenant's Valkey instances; statuses change live, FAILED ones can be retried. */
export function TenantValkey({ tenantId }: { tenantId: string }) {
  const { scopes } = useViewer();
  const { data, loading, error, refetch } = useQuery(TenantValkeyInstancesDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryValkeyInstanceDocument);
  useRefetchOn(
    (e) =>
      e.resourceType === 'ValkeyInstance' && e.tenantId === tenantId && (e.kind === 'CREATED' || e.kind === 'DELETED'),
    refetch,
  );
  const instances = data?.tenant.valkeyInstances;
  if (!instances) return <QueryState loading={loading} error={error} hasData={false} what="Valkey list" />;
  if (!instances.length) return <p className="muted">No Valkey instances.</p>;
  return (
    <ResourceTable
      label="Valkey instances"
      rows={instances}
      columns={[
        { header: 'Port', cell: (kv) => kv.port },
        { header: 'Memory', cell: (kv) => `${kv.maxMemoryMb} MiB, ${kv.evictionPolicy}` },
        { header: 'Created', cell: (kv) => formatDateTime(kv.createdAt) },
      ]}
      onRetry={
        hasScope(scopes, 'valkey:write') ? (kv) => void retry({ variables: { input: { id: kv.id } } }) : undefined
      }
      retrying={retrying.loading}
    />
  );
}
