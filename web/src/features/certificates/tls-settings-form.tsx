'use client';
// An FQDN's HTTPS settings: automatic certificates or none (an uploaded one is kept with CUSTOM),
// the redirect of plain HTTP and the HSTS max-age. userErrors appear at their fields.
import { useMutation } from '@apollo/client/react';
import { CheckboxField, FormErrorList, SelectField, SubmitRow, TextField } from '@/components/form-field';
import type { TlsMode } from '@hostplane/schema-types';
import { SetFqdnTlsDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['mode', 'httpsRedirect', 'hstsMaxAge'] as const;

export function TlsSettingsForm({
  fqdn,
  onDone,
}: {
  fqdn: { id: string; tlsMode: TlsMode; httpsRedirect: boolean; hstsMaxAge?: number | null };
  onDone: () => void;
}) {
  const [save, { loading }] = useMutation(SetFqdnTlsDocument, { refetchQueries: ['FqdnCertificate'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const hsts = text('hstsMaxAge');
    const { data } = await save({
      variables: {
        input: {
          fqdnId: fqdn.id,
          mode: text('mode') as TlsMode,
          httpsRedirect: form.get('httpsRedirect') === 'on',
          hstsMaxAge: hsts === '' ? null : Number(hsts),
        },
      },
    });
    if (data?.setFqdnTls.fqdn) onDone();
    return data?.setFqdnTls.userErrors ?? [];
  });
  const modes = [
    { value: 'AUTOMATIC', label: 'Automatic certificate (ACME)' },
    ...(fqdn.tlsMode === 'CUSTOM' ? [{ value: 'CUSTOM', label: 'Uploaded certificate' }] : []),
    { value: 'OFF', label: 'Off (plain HTTP only)' },
  ];
  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <SelectField
        name="mode"
        label="Certificate"
        options={modes}
        defaultValue={fqdn.tlsMode}
        error={errors.byField.mode}
      />
      <CheckboxField
        name="httpsRedirect"
        label="Redirect HTTP to HTTPS (301)"
        defaultChecked={fqdn.httpsRedirect}
        error={errors.byField.httpsRedirect}
      />
      <TextField
        name="hstsMaxAge"
        label="HSTS max-age (seconds)"
        type="number"
        defaultValue={fqdn.hstsMaxAge === null || fqdn.hstsMaxAge === undefined ? '' : String(fqdn.hstsMaxAge)}
        error={errors.byField.hstsMaxAge}
        hint="Empty: no Strict-Transport-Security header. A year is 31536000."
      />
      <SubmitRow label="Save" busy={loading} onCancel={onDone} />
    </form>
  );
}
