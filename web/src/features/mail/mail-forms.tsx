'use client';
// The Mail tab's forms: enable mail on one of the tenant's zones, a new mailbox (its password is
// write-only), a new alias. userErrors appear next to their fields and nothing is created.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, ListField, listLines, SelectField, SubmitRow, TextField } from '@/components/form-field';
import { CreateMailAliasDocument, CreateMailboxDocument, CreateMailDomainDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

export function MailDomainForm({ zones, onDone }: { zones: { id: string; name: string }[]; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateMailDomainDocument, { refetchQueries: ['TenantMailDomains'] });
  const { errors, onSubmit } = useMutationForm(['zoneId'], async (text) => {
    const { data } = await create({ variables: { input: { zoneId: text('zoneId') } } });
    if (data?.createMailDomain.mailDomain) onDone();
    return data?.createMailDomain.userErrors ?? [];
  });
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <SelectField
        name="zoneId"
        label="Zone"
        options={zones.map((z) => ({ value: z.id, label: z.name }))}
        error={errors.byField.zoneId}
      />
      <SubmitRow label="Enable mail" busy={loading} onCancel={onDone} />
    </form>
  );
}

export function MailboxForm({ domainId, onDone }: { domainId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateMailboxDocument, { refetchQueries: ['MailDomainDetail'] });
  const { errors, onSubmit } = useMutationForm(['localPart', 'password', 'quotaBytes'], async (text, form) => {
    const quotaMib = Number(text('quotaMib') || '1024');
    const { data } = await create({
      variables: {
        input: {
          domainId,
          localPart: text('localPart'),
          password: String(form.get('password') ?? ''),
          quotaBytes: quotaMib * 1024 * 1024,
        },
      },
    });
    if (data?.createMailbox.mailbox) onDone();
    return data?.createMailbox.userErrors ?? [];
  });
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField name="localPart" label="Local part" error={errors.byField.localPart} placeholder="alice" />
      <TextField name="password" label="Password" type="password" error={errors.byField.password} />
      <TextField
        name="quotaMib"
        label="Quota (MiB)"
        type="number"
        defaultValue="1024"
        error={errors.byField.quotaBytes}
      />
      <SubmitRow label="Add mailbox" busy={loading} onCancel={onDone} />
    </form>
  );
}

export function MailAliasForm({ domainId, onDone }: { domainId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateMailAliasDocument, { refetchQueries: ['MailDomainDetail'] });
  const { errors, onSubmit } = useMutationForm(['localPart', 'targets'], async (text, form) => {
    const { data } = await create({
      variables: { input: { domainId, localPart: text('localPart'), targets: listLines(form, 'targets') } },
    });
    if (data?.createMailAlias.mailAlias) onDone();
    return data?.createMailAlias.userErrors ?? [];
  });
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField name="localPart" label="Local part" error={errors.byField.localPart} placeholder="sales" />
      <ListField name="targets" label="Targets (one address a line)" error={errors.byField.targets} />
      <SubmitRow label="Add alias" busy={loading} onCancel={onDone} />
    </form>
  );
}
