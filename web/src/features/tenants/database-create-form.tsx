'use client';
// A new MySQL database of the tenant; character set and collation are optional (the server's
// defaults). userErrors appear next to their fields and nothing is created; on success the row
// is in the Databases table at once, PENDING.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { CreateDatabaseDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['charset', 'collation'] as const;

export function DatabaseCreateForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateDatabaseDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: { input: { tenantId, charset: text('charset') || null, collation: text('collation') || null } },
      update: (cache, { data: result }) => {
        const database = result?.createDatabase.database;
        if (database)
          appendToList(cache, { __typename: 'Tenant', id: tenantId }, 'databases', {
            __typename: 'Database',
            id: database.id,
          });
      },
    });
    if (data?.createDatabase.database) onDone();
    return data?.createDatabase.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <p className="muted">The platform names it (db_ and ten random characters).</p>
      <FormErrorList errors={errors.form} />
      <TextField
        name="charset"
        label="Character set"
        error={errors.byField.charset}
        placeholder="utf8mb4"
        hint="Leave empty for utf8mb4."
      />
      <TextField
        name="collation"
        label="Collation"
        error={errors.byField.collation}
        placeholder="utf8mb4_unicode_ci"
        hint="A collation of the character set; leave empty for its default."
      />
      <SubmitRow label="Create database" busy={loading} onCancel={onDone} />
    </form>
  );
}
