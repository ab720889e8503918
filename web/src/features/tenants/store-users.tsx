'use client';
// The users of a database or a Valkey instance with their live badges; with the store's write
// scope, Edit, Retry on FAILED ones and Delete behind a confirmation. The two stores differ only
// in their documents, their detail line and their edit form, which the callers pass.
import type { ReactNode } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { ResourceList } from '@/components/resource-list';
import type { ResourceRow } from '@/components/resource-table';

export function StoreUsers<User extends ResourceRow>({
  store,
  kind,
  users,
  canWrite,
  detail,
  editForm,
  retry,
  retrying,
  remove,
  deleteNote,
}: {
  /** The store's name, e.g. db_x. */
  store: string;
  /** How the user is called in titles: "database user", "Valkey user". */
  kind: string;
  users: readonly User[];
  canWrite: boolean;
  detail: (user: User) => ReactNode;
  editForm: (user: User, close: () => void) => ReactNode;
  retry: (user: User) => void;
  retrying: boolean;
  /** Deletes the user; the API's userErrors, if any. */
  remove: (user: User) => Promise<readonly { message: string }[]>;
  /** What a delete does, shown in its confirmation. */
  deleteNote: string;
}) {
  return (
    <ResourceList
      label={`Users of ${store}`}
      rows={users}
      empty="No users."
      detail={detail}
      onRetry={canWrite ? retry : undefined}
      retrying={retrying}
      actions={
        canWrite
          ? (user) =>
              user.status === 'DELETING' ? null : (
                <>
                  <FormDialog label="Edit" name={`Edit ${user.name}`} title={`Edit ${kind} ${user.name}`}>
                    {(close) => editForm(user, close)}
                  </FormDialog>
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${user.name}`}
                    title={`Delete ${kind} ${user.name}?`}
                    confirmLabel="Delete user"
                    run={() => remove(user)}
                  >
                    <p>{deleteNote}</p>
                  </ConfirmButton>
                </>
              )
          : undefined
      }
    />
  );
}
