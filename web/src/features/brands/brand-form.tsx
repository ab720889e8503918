'use client';
// Create or edit a brand. The name is fixed once created (it is the brand's identity); the
// other fields can change. userErrors appear next to their fields.
import { useMutation } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormErrorList, ListField, SubmitRow, TextField } from '@/components/form-field';
import { SavedNote } from '@/components/saved-note';
import { CreateBrandDocument, UpdateBrandDocument, type BrandFieldsFragment } from '@/generated/graphql';
import { listOf } from '@/lib/forms';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'baseHostname', 'hostmasterEmail', 'nsHostnames', 'reservedHostnameSuffixes'] as const;

export function BrandForm({ brand }: { brand?: BrandFieldsFragment }) {
  const router = useRouter();
  const [create, creating] = useMutation(CreateBrandDocument);
  const [update, updating] = useMutation(UpdateBrandDocument);
  const [saved, setSaved] = useState(false);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    setSaved(false);
    const fields = {
      baseHostname: text('baseHostname'),
      hostmasterEmail: text('hostmasterEmail'),
      nsHostnames: listOf(text('nsHostnames')),
    };
    // Reserving names is for platform administrators: sent only when changed, so a brand's own
    // key can still save its other fields.
    const reserved = listOf(text('reservedHostnameSuffixes'));
    const reservedChanged = reserved.join(',') !== (brand?.reservedHostnameSuffixes ?? []).join(',');
    const reservation = reservedChanged ? { reservedHostnameSuffixes: reserved } : {};
    if (brand) {
      const { data } = await update({ variables: { input: { id: brand.id, ...fields, ...reservation } } });
      const userErrors = data?.updateBrand.userErrors ?? [];
      setSaved(userErrors.length === 0);
      return userErrors;
    }
    const { data } = await create({ variables: { input: { name: text('name'), ...fields, ...reservation } } });
    const created = data?.createBrand.brand;
    if (created) router.push(`/admin/brands/${encodeURIComponent(created.id)}`);
    return data?.createBrand.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" aria-label={brand ? 'Edit brand' : 'New brand'} noValidate>
      {brand ? null : <h1>New brand</h1>}
      <FormErrorList errors={errors.form} />
      {brand ? null : (
        <TextField
          name="name"
          label="Name"
          error={errors.byField.name}
          hint="2 to 40 lowercase letters, digits and dashes."
        />
      )}
      <TextField
        name="baseHostname"
        label="Base hostname"
        error={errors.byField.baseHostname}
        hint="e.g. hosting.example.com"
        defaultValue={brand?.baseHostname}
      />
      <TextField
        name="hostmasterEmail"
        label="Hostmaster e-mail"
        error={errors.byField.hostmasterEmail}
        type="email"
        defaultValue={brand?.hostmasterEmail}
      />
      <ListField
        name="nsHostnames"
        label="Name servers"
        error={errors.byField.nsHostnames}
        hint="At least two, separated by commas or new lines."
        defaultValue={brand?.nsHostnames}
      />
      <ListField
        name="reservedHostnameSuffixes"
        label="Reserved host names"
        error={errors.byField.reservedHostnameSuffixes}
        hint="Names only this brand's tenants may bind, with everything under them; they bind there without a DNS proof. Platform administrators only."
        defaultValue={brand?.reservedHostnameSuffixes}
      />
      <SubmitRow label={brand ? 'Save brand' : 'Create brand'} busy={creating.loading || updating.loading}>
        <SavedNote show={saved} />
      </SubmitRow>
    </form>
  );
}
