'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useViewer } from '@/features/session/require-session';
import { RetryDatabaseDocument, TenantDatabasesDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useRefetchOn } from '@/lib/hooks';
import { hasScope } from '@/lib/scopes';

/** The tenant's MySQL databases; statuses change live, FAILED ones can be retried. */
export function TenantDatabases({ tenantId }: { tenantId: string }) {
  const { scopes } = useViewer();
  const { data, loading, error, refetch } = useQuery(TenantDatabasesDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryDatabaseDocument);
  useRefetchOn(
    (e) => e.resourceType === 'Database' && e.tenantId === tenantId && (e.kind === 'CREATED' || e.kind === 'DELETED'),
    refetch,
  );
  const databases = data?.tenant.databases;
  if (!databases) return <QueryState loading={loading} error={error} hasData={false} what="database list" />;
  if (!databases.length) return <p className="muted">No databases.</p>;
  return (
    <ResourceTable
      label="Databases"
      rows={databases}
      columns={[
        { header: 'Charset', cell: (db) => `${db.charset} / ${db.collation}` },
        { header: 'Created', cell: (db) => formatDateTime(db.createdAt) },
      ]}
      onRetry={
        hasScope(scopes, 'databases:write') ? (db) => void retry({ variables: { input: { id: db.id } } }) : undefined
      }
      retrying={retrying.loading}
    />
  );
}
