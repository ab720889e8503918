'use client';
// An instance's ACL users with their rules and live badges; with valkey:write, Edit (rules, new
// password), Retry on FAILED ones and Delete behind a confirmation.
import { useMutation } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { ResourceList } from '@/components/resource-list';
import { DeleteValkeyUserDocument, RetryValkeyUserDocument, type ValkeyRowFragment } from '@/generated/graphql';
import { ValkeyUserEditForm } from './valkey-user-edit-form';

export function ValkeyUsers({ instance, canWrite }: { instance: ValkeyRowFragment; canWrite: boolean }) {
  const [retry, retrying] = useMutation(RetryValkeyUserDocument);
  const [remove] = useMutation(DeleteValkeyUserDocument);
  return (
    <ResourceList
      label={`Users of ${instance.name}`}
      rows={instance.users}
      empty="No users."
      detail={(user) => `keys ${user.keyPatterns.join(' ')} · ${user.commands.join(' ')}`}
      onRetry={canWrite ? (user) => void retry({ variables: { input: { id: user.id } } }) : undefined}
      retrying={retrying.loading}
      actions={
        canWrite
          ? (user) =>
              user.status === 'DELETING' ? null : (
                <>
                  <FormDialog label="Edit" name={`Edit ${user.name}`} title={`Edit Valkey user ${user.name}`}>
                    {(close) => <ValkeyUserEditForm user={user} onDone={close} />}
                  </FormDialog>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${user.name}`}
                    title={`Delete Valkey user ${user.name}?`}
                    confirmLabel="Delete user"
                    run={async () => {
                      const { data } = await remove({ variables: { input: { id: user.id } } });
                      return data?.deleteValkeyUser.userErrors ?? [];
                    }}
                  >
                    <p>The user can no longer authenticate. The instance and its data stay.</p>
                  </ConfirmButton>
                </>
              )
          : undefined
      }
    />
  );
}
