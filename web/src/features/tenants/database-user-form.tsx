'use client';
// A new MySQL user of one database. The API requires the name to be the database's name or to
// start with it and `_`; the field starts with that prefix. The password is a form field only:
// read once on submit, sent in the mutation, never shown, stored or put in a URL — and the form
// is unmounted once the user exists.
import { useMutation } from '@apollo/client/react';
import type { DatabasePrivileges } from '@hostplane/schema-types';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { CreateDatabaseUserDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { secretOf } from '@/lib/forms';
import { DatabasePrivilegesField } from './database-privileges-field';
import { StoreUserCredentials } from './store-user-credentials';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'password', 'privileges'] as const;

export function DatabaseUserForm({ database, onDone }: { database: { id: string; name: string }; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateDatabaseUserDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const { data } = await create({
      variables: {
        input: {
          databaseId: database.id,
          name: text('name'),
          password: secretOf(form, 'password'),
          privileges: text('privileges') as DatabasePrivileges,
        },
      },
      update: (cache, { data: result }) => {
        const user = result?.createDatabaseUser.databaseUser;
        if (user)
          appendToList(cache, { __typename: 'Database', id: database.id }, 'users', {
            __typename: 'DatabaseUser',
            id: user.id,
          });
      },
    });
    if (data?.createDatabaseUser.databaseUser) onDone();
    return data?.createDatabaseUser.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <StoreUserCredentials store={database.name} errors={errors.byField} />
      <DatabasePrivilegesField defaultValue="ALL" error={errors.byField.privileges} />
      <SubmitRow label="Create user" busy={loading} onCancel={onDone} />
    </form>
  );
}
