'use client';
import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FormErrorList, FormField } from '@/components/form-field';
import { SavedNote } from '@/components/saved-note';
import { UpdateTenantDocument } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { formErrors, noFormErrors } from '@/lib/user-errors';

/** Edit the tenant's label in place; errors show under the field. */
export function TenantLabelForm({ id, displayName }: { id: string; displayName: string | null }) {
  const [update, { loading }] = useMutation(UpdateTenantDocument);
  const [value, setValue] = useState(displayName ?? '');
  const [errors, setErrors] = useState(noFormErrors);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      const { data } = await update({ variables: { input: { id, displayName: value.trim() } } });
      const userErrors = data?.updateTenant.userErrors ?? [];
      setErrors(formErrors(userErrors, ['displayName']));
      setSaved(userErrors.length === 0);
    } catch (error) {
      setErrors({ byField: {}, form: [errorMessage(error as Error)] });
    }
  }

  return (
    <form onSubmit={submit} className="inline-form" aria-label="Edit label" noValidate>
      <FormErrorList errors={errors.form} />
      <FormField label="Label" error={errors.byField.displayName}>
        {(props) => <input type="text" value={value} onChange={(e) => setValue(e.target.value)} {...props} />}
      </FormField>
      <button type="submit" disabled={loading}>
        Save label
      </button>
      <SavedNote show={saved} />
    </form>
  );
}
