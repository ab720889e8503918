'use client';
// A new DNS zone of a tenant or of a brand itself: its domain and whether to sign it. userErrors
// appear next to their fields (not a domain, held by someone else here, reserved) and nothing is
// created.
import { useMutation } from '@apollo/client/react';
import { CheckboxField, FormErrorList, SubmitRow, TextField } from '@/components/form-field';
import { CreateDnsZoneDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'dnssec'] as const;

/** Who holds a zone: a tenant, or a brand itself (names under its own host names). */
export type DnsZoneOwner = { tenantId: string } | { brandId: string };

export function DnsZoneForm({ owner, onDone }: { owner: DnsZoneOwner; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateDnsZoneDocument, {
    refetchQueries: ['tenantId' in owner ? 'TenantDnsZones' : 'BrandDnsZones'],
  });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text, form) => {
    const { data } = await create({
      variables: { input: { ...owner, name: text('name'), dnssec: form.get('dnssec') === 'on' } },
    });
    if (data?.createDnsZone.dnsZone) onDone();
    return data?.createDnsZone.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Domain" error={errors.byField.name} placeholder="example.com" />
      <CheckboxField name="dnssec" label="Sign with DNSSEC" error={errors.byField.dnssec} />
      <SubmitRow label="Add zone" busy={loading} onCancel={onDone} />
    </form>
  );
}
