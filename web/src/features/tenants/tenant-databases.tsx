'use client';
// The tenant's MySQL databases, their users and access rules; statuses change live, FAILED ones
// can be retried. With databases:write the tab also creates, edits and deletes them.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import { DeleteDatabaseDocument, RetryDatabaseDocument, TenantDatabasesDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { DatabaseAccessRuleForm } from './database-access-rule-form';
import { DatabaseAccessRules } from './database-access-rules';
import { DatabaseCreateForm } from './database-create-form';
import { DatabaseUserForm } from './database-user-form';
import { DatabaseUsers } from './database-users';

export function TenantDatabases({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const canAddUser = mayCall('createDatabaseUser');
  const canAddRule = mayCall('createDatabaseAccessRule');
  const { data, loading, error, refetch } = useQuery(TenantDatabasesDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryDatabaseDocument);
  const [remove] = useMutation(DeleteDatabaseDocument);
  useRefetchOn(
    (e) =>
      ['Database', 'DatabaseUser', 'DatabaseAccessRule'].includes(e.resourceType) &&
      e.tenantId === tenantId &&
      changesMembership(e),
    refetch,
  );
  const databases = data?.tenant.databases.filter((database) => database.status !== 'DELETED');
  if (!databases) return <QueryState loading={loading} error={error} hasData={false} what="database list" />;
  return (
    <div>
      {mayCall('createDatabase') ? (
        <div className="toolbar">
          <FormDialog label="New database" title="New database" primary>
            {(close) => <DatabaseCreateForm tenantId={tenantId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {databases.length ? (
        <ResourceTable
          label="Databases"
          rows={databases}
          columns={[
            { header: 'Charset', cell: (db) => `${db.charset} / ${db.collation}` },
            { header: 'Users', cell: (db) => <DatabaseUsers database={db} /> },
            { header: 'Access rules', cell: (db) => <DatabaseAccessRules database={db} /> },
            { header: 'Created', cell: (db) => formatDateTime(db.createdAt) },
          ]}
          onRetry={(db) => void retry({ variables: { input: { id: db.id } } })}
          retrying={retrying.loading}
          actions={
            canAddUser || canAddRule || mayCall('deleteDatabase')
              ? (db) =>
                  db.status === 'DELETING' ? null : (
                    <>
                      {canAddUser ? (
                        <FormDialog label="New user" name={`New user of ${db.name}`} title={`New user of ${db.name}`}>
                          {(close) => <DatabaseUserForm database={db} onDone={close} />}
                        </FormDialog>
                      ) : null}
                      {canAddRule ? (
                        <FormDialog
                          label="Add access rule"
                          name={`Add access rule to ${db.name}`}
                          title={`New access rule of ${db.name}`}
                        >
                          {(close) => <DatabaseAccessRuleForm database={db} onDone={close} />}
                        </FormDialog>
                      ) : null}
                      {db.viewerCan.delete ? (
                        <ConfirmButton
                          label="Delete"
                          name={`Delete ${db.name}`}
                          title={`Delete database ${db.name}?`}
                          confirmLabel="Delete database"
                          run={async () => {
                            const { data: result } = await remove({ variables: { input: { id: db.id } } });
                            return result?.deleteDatabase.userErrors ?? [];
                          }}
                        >
                          <p>
                            The database, its data and all its users are dropped on every node. This cannot be undone.
                          </p>
                        </ConfirmButton>
                      ) : null}
                    </>
                  )
              : undefined
          }
        />
      ) : (
        <p className="muted">No databases.</p>
      )}
    </div>
  );
}
