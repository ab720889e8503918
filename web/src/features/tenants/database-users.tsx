'use client';
// A database's users with their privileges (see StoreUsers for the actions).
import { useMutation } from '@apollo/client/react';
import { DeleteDatabaseUserDocument, RetryDatabaseUserDocument, type DatabaseRowFragment } from '@/generated/graphql';
import { DatabaseUserEditForm } from './database-user-edit-form';
import { StoreUsers } from './store-users';

export function DatabaseUsers({ database }: { database: DatabaseRowFragment }) {
  const [retry, retrying] = useMutation(RetryDatabaseUserDocument);
  const [remove] = useMutation(DeleteDatabaseUserDocument);
  return (
    <StoreUsers
      store={database.name}
      kind="database user"
      users={database.users}
      detail={(user) => (user.privileges === 'ALL' ? 'all privileges' : 'read only')}
      editForm={(user, close) => <DatabaseUserEditForm user={user} onDone={close} />}
      retry={(user) => void retry({ variables: { input: { id: user.id } } })}
      retrying={retrying.loading}
      remove={async (user) => {
        const { data } = await remove({ variables: { input: { id: user.id } } });
        return data?.deleteDatabaseUser.userErrors ?? [];
      }}
      deleteNote="The user is dropped on every node and its open sessions end. The database stays."
    />
  );
}
