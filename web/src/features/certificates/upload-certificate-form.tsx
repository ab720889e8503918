'use client';
// A certificate of the customer's own: certificate, chain and key in PEM. The API checks them
// (key matches, name covered, chain complete, valid now) and names the field at fault; nothing is
// stored then. The key is sent once and never shown again.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, FormField, SubmitRow } from '@/components/form-field';
import { UploadCertificateDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['certificate', 'chain', 'privateKey'] as const;

function PemField({
  name,
  label,
  error,
  hint,
}: {
  name: string;
  label: string;
  error?: string | undefined;
  hint: string;
}) {
  return (
    <FormField label={label} error={error} hint={hint}>
      {(props) => <textarea name={name} rows={5} spellCheck={false} autoComplete="off" {...props} />}
    </FormField>
  );
}

export function UploadCertificateForm({ fqdnId, onDone }: { fqdnId: string; onDone: () => void }) {
  const [upload, { loading }] = useMutation(UploadCertificateDocument, { refetchQueries: ['FqdnCertificate'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (_text, form) => {
    const pem = (name: string) => String(form.get(name) ?? '');
    const chain = pem('chain').trim();
    const { data } = await upload({
      variables: {
        input: { fqdnId, certificate: pem('certificate'), chain: chain || null, privateKey: pem('privateKey') },
      },
    });
    if (data?.uploadCertificate.certificate) onDone();
    return data?.uploadCertificate.userErrors ?? [];
  });
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <PemField
        name="certificate"
        label="Certificate"
        error={errors.byField.certificate}
        hint="PEM, -----BEGIN CERTIFICATE-----"
      />
      <PemField
        name="chain"
        label="Chain"
        error={errors.byField.chain}
        hint="The intermediate certificates, issuer first. A private CA's root must be included."
      />
      <PemField
        name="privateKey"
        label="Private key"
        error={errors.byField.privateKey}
        hint="PEM, unencrypted. Stored encrypted; never shown again."
      />
      <SubmitRow label="Upload" busy={loading} onCancel={onDone} />
    </form>
  );
}
