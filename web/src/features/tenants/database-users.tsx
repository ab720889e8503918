'use client';
// A database's users with their privileges and live badges; with databases:write, Edit
// (privileges, new password), Retry on FAILED ones and Delete behind a confirmation.
import { useMutation } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { ResourceList } from '@/components/resource-list';
import { DeleteDatabaseUserDocument, RetryDatabaseUserDocument, type DatabaseRowFragment } from '@/generated/graphql';
import { DatabaseUserEditForm } from './database-user-edit-form';

export function DatabaseUsers({ database, canWrite }: { database: DatabaseRowFragment; canWrite: boolean }) {
  const [retry, retrying] = useMutation(RetryDatabaseUserDocument);
  const [remove] = useMutation(DeleteDatabaseUserDocument);
  return (
    <ResourceList
      label={`Users of ${database.name}`}
      rows={database.users}
      empty="No users."
      detail={(user) => (user.privileges === 'ALL' ? 'all privileges' : 'read only')}
      onRetry={canWrite ? (user) => void retry({ variables: { input: { id: user.id } } }) : undefined}
      retrying={retrying.loading}
      actions={
        canWrite
          ? (user) =>
              user.status === 'DELETING' ? null : (
                <>
                  <FormDialog label="Edit" name={`Edit ${user.name}`} title={`Edit database user ${user.name}`}>
                    {(close) => <DatabaseUserEditForm user={user} onDone={close} />}
                  </FormDialog>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${user.name}`}
                    title={`Delete database user ${user.name}?`}
                    confirmLabel="Delete user"
                    run={async () => {
                      const { data } = await remove({ variables: { input: { id: user.id } } });
                      return data?.deleteDatabaseUser.userErrors ?? [];
                    }}
                  >
                    <p>The user is dropped on every node and its open sessions end. The database stays.</p>
                  </ConfirmButton>
                </>
              )
          : undefined
      }
    />
  );
}
