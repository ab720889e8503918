'use client';
// A Valkey instance's ACL users with their rules (see StoreUsers for the actions).
import { useMutation } from '@apollo/client/react';
import { DeleteValkeyUserDocument, RetryValkeyUserDocument, type ValkeyRowFragment } from '@/generated/graphql';
import { StoreUsers } from './store-users';
import { ValkeyUserEditForm } from './valkey-user-edit-form';

export function ValkeyUsers({ instance }: { instance: ValkeyRowFragment }) {
  const [retry, retrying] = useMutation(RetryValkeyUserDocument);
  const [remove] = useMutation(DeleteValkeyUserDocument);
  return (
    <StoreUsers
      store={instance.name}
      kind="Valkey user"
      users={instance.users}
      detail={(user) => `keys ${user.keyPatterns.join(' ')} · ${user.commands.join(' ')}`}
      editForm={(user, close) => <ValkeyUserEditForm user={user} onDone={close} />}
      retry={(user) => void retry({ variables: { input: { id: user.id } } })}
      retrying={retrying.loading}
      remove={async (user) => {
        const { data } = await remove({ variables: { input: { id: user.id } } });
        return data?.deleteValkeyUser.userErrors ?? [];
      }}
      deleteNote="The user can no longer authenticate. The instance and its data stay."
    />
  );
}
