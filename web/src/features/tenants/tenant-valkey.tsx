'use client';
// The tenant's Valkey instances and their ACL users; statuses change live, FAILED ones can be
// retried. With valkey:write the tab also creates, edits and deletes instances and users.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteValkeyInstanceDocument,
  RetryValkeyInstanceDocument,
  TenantValkeyInstancesDocument,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { ValkeyCreateForm } from './valkey-create-form';
import { ValkeyInstanceEditForm } from './valkey-instance-edit-form';
import { ValkeyUserForm } from './valkey-user-form';
import { ValkeyUsers } from './valkey-users';

export function TenantValkey({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const canAddUser = mayCall('createValkeyUser');
  const { data, loading, error, refetch } = useQuery(TenantValkeyInstancesDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryValkeyInstanceDocument);
  const [remove] = useMutation(DeleteValkeyInstanceDocument);
  useRefetchOn(
    (e) =>
      (e.resourceType === 'ValkeyInstance' || e.resourceType === 'ValkeyUser') &&
      e.tenantId === tenantId &&
      changesMembership(e),
    refetch,
  );
  const instances = data?.tenant.valkeyInstances.filter((instance) => instance.status !== 'DELETED');
  if (!instances) return <QueryState loading={loading} error={error} hasData={false} what="Valkey list" />;
  return (
    <div>
      {mayCall('createValkeyInstance') ? (
        <div className="toolbar">
          <FormDialog label="New instance" title="New Valkey instance" primary>
            {(close) => <ValkeyCreateForm tenantId={tenantId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {instances.length ? (
        <ResourceTable
          label="Valkey instances"
          rows={instances}
          columns={[
            { header: 'Port', cell: (kv) => kv.port },
            { header: 'Memory', cell: (kv) => `${kv.maxMemoryMb} MiB, ${kv.evictionPolicy}` },
            { header: 'Users', cell: (kv) => <ValkeyUsers instance={kv} /> },
            { header: 'Created', cell: (kv) => formatDateTime(kv.createdAt) },
          ]}
          onRetry={(kv) => void retry({ variables: { input: { id: kv.id } } })}
          retrying={retrying.loading}
          actions={
            canAddUser || mayCall('updateValkeyInstance') || mayCall('deleteValkeyInstance')
              ? (kv) =>
                  kv.status === 'DELETING' ? null : (
                    <>
                      {kv.viewerCan.update ? (
                        <FormDialog label="Edit" name={`Edit ${kv.name}`} title={`Edit Valkey instance ${kv.name}`}>
                          {(close) => <ValkeyInstanceEditForm instance={kv} onDone={close} />}
                        </FormDialog>
                      ) : null}
                      {canAddUser ? (
                        <FormDialog label="New user" name={`New user of ${kv.name}`} title={`New user of ${kv.name}`}>
                          {(close) => <ValkeyUserForm instance={kv} onDone={close} />}
                        </FormDialog>
                      ) : null}
                      {kv.viewerCan.delete ? (
                        <ConfirmButton
                          label="Delete"
                          name={`Delete ${kv.name}`}
                          title={`Delete Valkey instance ${kv.name}?`}
                          confirmLabel="Delete instance"
                          run={async () => {
                            const { data: result } = await remove({ variables: { input: { id: kv.id } } });
                            return result?.deleteValkeyInstance.userErrors ?? [];
                          }}
                        >
                          <p>
                            The instance is stopped and its data and users are removed on every node. This cannot be
                            undone.
                          </p>
                        </ConfirmButton>
                      ) : null}
                    </>
                  )
              : undefined
          }
        />
      ) : (
        <p className="muted">No Valkey instances.</p>
      )}
    </div>
  );
}
