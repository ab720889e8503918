'use client';
// Suspend (with a reason), unsuspend and delete, each behind a confirmation. The mutations
// return the tenant PENDING; the live stream carries it on from there.
import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { FormField } from '@/components/form-field';
import {
  DeleteTenantDocument,
  SuspendTenantDocument,
  UnsuspendTenantDocument,
  type UserErrorFieldsFragment,
  type TenantDetailFieldsFragment,
} from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { formErrors } from '@/lib/user-errors';

type Action = 'suspend' | 'unsuspend' | 'delete';

export function TenantActions({
  tenant,
  afterDelete,
}: {
  tenant: Pick<TenantDetailFieldsFragment, 'id' | 'name' | 'status' | 'viewerCan'>;
  afterDelete?: string | undefined;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const [suspend, suspending] = useMutation(SuspendTenantDocument);
  const [unsuspend, unsuspending] = useMutation(UnsuspendTenantDocument);
  const [remove, removing] = useMutation(DeleteTenantDocument);
  const busy = suspending.loading || unsuspending.loading || removing.loading;

  async function run(action: Action) {
    setProblem(null);
    try {
      const input = { id: tenant.id };
      const errors: readonly UserErrorFieldsFragment[] =
        action === 'suspend'
          ? ((await suspend({ variables: { input: { ...input, reason } } })).data?.suspendTenant.userErrors ?? [])
          : action === 'unsuspend'
            ? ((await unsuspend({ variables: { input } })).data?.unsuspendTenant.userErrors ?? [])
            : ((await remove({ variables: { input } })).data?.deleteTenant.userErrors ?? []);
      if (errors.length) {
        const { byField, form } = formErrors(errors, ['reason']);
        setProblem(byField.reason ? { field: 'reason', message: byField.reason } : { message: form.join(' ') });
        return;
      }
      setOpen(null);
      setReason('');
      if (action === 'delete' && afterDelete) router.push(afterDelete);
    } catch (error) {
      setProblem({ message: errorMessage(error as Error) });
    }
  }

  const close = () => {
    setOpen(null);
    setProblem(null);
  };
  // What the key may do (the API's viewerCan) and what the status allows.
  const canSuspend = tenant.viewerCan.suspend && tenant.status === 'ACTIVE';
  const canUnsuspend = tenant.viewerCan.unsuspend && tenant.status === 'SUSPENDED';
  const canDelete = tenant.viewerCan.delete && !['DELETING', 'DELETED'].includes(tenant.status);
  return (
    <div className="actions" role="group" aria-label="Tenant actions">
      {canSuspend ? (
        <button type="button" onClick={() => setOpen('suspend')}>
          Suspend
        </button>
      ) : null}
      {canUnsuspend ? (
        <button type="button" onClick={() => setOpen('unsuspend')}>
          Unsuspend
        </button>
      ) : null}
      {canDelete ? (
        <button type="button" className="danger" onClick={() => setOpen('delete')}>
          Delete
        </button>
      ) : null}
      {problem && !open ? <p className="field-error">{problem.message}</p> : null}

      <ConfirmDialog
        open={open === 'suspend'}
        title={`Suspend ${tenant.name}?`}
        confirmLabel="Suspend tenant"
        danger
        busy={busy}
        onConfirm={() => void run('suspend')}
        onCancel={close}
      >
        <p>Its account is locked on every node until it is unsuspended.</p>
        <FormField
          label="Reason"
          error={problem?.field === 'reason' ? problem.message : undefined}
          hint="Shown to operators and the tenant."
        >
          {(props) => (
            <input type="text" value={reason} onChange={(e) => setReason(e.target.value)} required {...props} />
          )}
        </FormField>
        {problem && problem.field !== 'reason' ? <p className="field-error">{problem.message}</p> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'unsuspend'}
        title={`Unsuspend ${tenant.name}?`}
        confirmLabel="Unsuspend tenant"
        busy={busy}
        onConfirm={() => void run('unsuspend')}
        onCancel={close}
      >
        <p>Its account is unlocked on every node.</p>
        {problem ? <p className="field-error">{problem.message}</p> : null}
      </ConfirmDialog>
      <ConfirmDialog
        open={open === 'delete'}
        title={`Delete ${tenant.name}?`}
        confirmLabel="Delete tenant"
        danger
        busy={busy}
        onConfirm={() => void run('delete')}
        onCancel={close}
      >
        <p>Its Linux user and home are removed on every node. This cannot be undone.</p>
        {problem ? <p className="field-error">{problem.message}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
