'use client';
// A new SSH key of the tenant: a label and the one line of a `.pub` file. userErrors appear next
// to their fields (type, size or format of the key) and nothing is created; on success the list
// is read again and the key shows PENDING, its badge moving on live.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, FormField, SubmitRow, TextField } from '@/components/form-field';
import { CreateSshKeyDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'publicKey'] as const;

export function SshKeyForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateSshKeyDocument, { refetchQueries: ['TenantSshKeys'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: { input: { tenantId, name: text('name'), publicKey: text('publicKey') } },
    });
    if (data?.createSshKey.sshKey) onDone();
    return data?.createSshKey.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Name" error={errors.byField.name} placeholder="laptop" />
      <FormField
        label="Public key"
        error={errors.byField.publicKey}
        hint="The one line of your .pub file (ssh-ed25519, ecdsa or RSA of 2048 bits or more)."
      >
        {(props) => (
          <textarea
            name="publicKey"
            rows={4}
            spellCheck={false}
            placeholder="ssh-ed25519 AAAA… you@laptop"
            {...props}
          />
        )}
      </FormField>
      <SubmitRow label="Add key" busy={loading} onCancel={onDone} />
    </form>
  );
}
