'use client';
// Change an existing database user: its privileges and/or a new password. An empty password
// keeps the current one (stored only hashed, so never prefilled); unchanged privileges are not
// sent, so submitting nothing new is refused by the API at the password field. userErrors appear
// next to their fields and nothing changes; on success the row's badge goes live to ACTIVE again.
import { useMutation } from '@apollo/client/react';
import type { DatabasePrivileges } from '@hostplane/schema-types';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { UpdateDatabaseUserDocument, type DatabaseUserRowFragment } from '@/generated/graphql';
import { secretOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';
import { DatabasePrivilegesField } from './database-privileges-field';
import { NewPasswordField } from './new-password-field';

const FIELDS = ['password', 'privileges'] as const;

export function DatabaseUserEditForm({ user, onDone }: { user: DatabaseUserRowFragment; onDone: () => void }) {
  const [update, { loading }] = useMutation(UpdateDatabaseUserDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const privileges = text('privileges') as DatabasePrivileges;
    const { data } = await update({
      variables: {
        input: {
          id: user.id,
          password: secretOf(form, 'password') || null,
          privileges: privileges === user.privileges ? null : privileges,
        },
      },
    });
    if (data?.updateDatabaseUser.databaseUser) onDone();
    return data?.updateDatabaseUser.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <DatabasePrivilegesField defaultValue={user.privileges} error={errors.byField.privileges} />
      <NewPasswordField error={errors.byField.password} />
      <SubmitRow label="Save changes" busy={loading} onCancel={onDone} />
    </form>
  );
}
