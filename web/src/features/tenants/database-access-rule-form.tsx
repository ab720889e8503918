'use client';
// A new access rule of one database: an address or network (IPv4, IPv4 CIDR or IPv6) allowed to
// log in on top of the shard's internal network, with an optional note. userErrors appear next to
// their fields and nothing is created; on success the rule is listed at once, PENDING.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { CreateDatabaseAccessRuleDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['cidr', 'description'] as const;

export function DatabaseAccessRuleForm({ database, onDone }: { database: { id: string }; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateDatabaseAccessRuleDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: { input: { databaseId: database.id, cidr: text('cidr'), description: text('description') || null } },
      update: (cache, { data: result }) => {
        const rule = result?.createDatabaseAccessRule.databaseAccessRule;
        if (rule)
          appendToList(cache, { __typename: 'Database', id: database.id }, 'accessRules', {
            __typename: 'DatabaseAccessRule',
            id: rule.id,
          });
      },
    });
    if (data?.createDatabaseAccessRule.databaseAccessRule) onDone();
    return data?.createDatabaseAccessRule.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField
        name="cidr"
        label="Address or network"
        error={errors.byField.cidr}
        placeholder="203.0.113.0/24"
        hint="An IPv4 address, an IPv4 network in CIDR form (a.b.c.d/n) or an IPv6 address."
      />
      <TextField
        name="description"
        label="Description"
        error={errors.byField.description}
        hint="Optional note, at most 200 characters."
      />
      <SubmitRow label="Add access rule" busy={loading} onCancel={onDone} />
    </form>
  );
}
