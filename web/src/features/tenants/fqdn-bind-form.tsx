'use client';
// Bind a host name to a webroot. A refusal (malformed, already bound elsewhere) shows next to
// the field and binds nothing; on success the name is listed at once, PENDING.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { BindFqdnDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['hostname'] as const;

export function FqdnBindForm({ webrootId, onDone }: { webrootId: string; onDone: () => void }) {
  const [bind, { loading }] = useMutation(BindFqdnDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await bind({
      variables: { input: { webrootId, hostname: text('hostname') } },
      update: (cache, { data: result }) => {
        const fqdn = result?.bindFqdn.fqdn;
        if (fqdn)
          appendToList(cache, { __typename: 'Webroot', id: webrootId }, 'fqdns', { __typename: 'Fqdn', id: fqdn.id });
      },
    });
    if (data?.bindFqdn.fqdn) onDone();
    return data?.bindFqdn.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField
        name="hostname"
        label="Host name"
        error={errors.byField.hostname}
        placeholder="shop.example.com"
        hint="Point its DNS at the platform's load balancer; the site answers there once ACTIVE."
      />
      <SubmitRow label="Add host name" busy={loading} onCancel={onDone} />
    </form>
  );
}
