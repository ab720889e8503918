'use client';
// The users of a database or a Valkey instance with their live badges; Edit, Retry on FAILED ones
// and Delete behind a confirmation, each where the user's viewerCan allows it. The two stores differ only
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
      onRetry={retry}
      retrying={retrying}
      actions={(user) =>
        user.status === 'DELETING' ? null : (
          <>
            {user.viewerCan.update ? (
              <FormDialog label="Edit" name={`Edit ${user.name}`} title={`Edit ${kind} ${user.name}`}>
                {(close) => editForm(user, close)}
              </FormDialog>
            ) : null}
            {user.viewerCan.delete ? (
              <ConfirmButton
                label="Delete"
                name={`Delete ${user.name}`}
                title={`Delete ${kind} ${user.name}?`}
                confirmLabel="Delete user"
                run={() => remove(user)}
              >
                <p>{deleteNote}</p>
              </ConfirmButton>
            ) : null}
          </>
        )
      }
    />
  );
}
