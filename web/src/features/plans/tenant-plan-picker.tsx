'use client';
// The plan a tenant is on, and (for a key that may change it: never the tenant's own) a choice
// among its brand's plans. The usage beside it is refetched after a change: the limits moved.
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { FormErrorList, FormField } from '@/components/form-field';
import { SavedNote } from '@/components/saved-note';
import { GetTenantPlanDocument, ListPlansDocument, UpdateTenantDocument } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { formErrors, noFormErrors } from '@/lib/user-errors';

export function TenantPlanPicker({
  tenantId,
  brandId,
  canChange,
}: {
  tenantId: string;
  brandId: string;
  canChange: boolean;
}) {
  const current = useQuery(GetTenantPlanDocument, { variables: { id: tenantId } });
  const plans = useQuery(ListPlansDocument, { variables: { first: 100, filter: { brandId } }, skip: !canChange });
  const [update, { loading }] = useMutation(UpdateTenantDocument, {
    refetchQueries: ['GetTenantUsage', 'GetTenantPlan'],
  });
  const [choice, setChoice] = useState<string | null>(null);
  const [errors, setErrors] = useState(noFormErrors);
  const [saved, setSaved] = useState(false);
  const plan = current.data?.tenant.plan ?? null;
  const selected = choice ?? plan?.id ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    try {
      const { data } = await update({ variables: { input: { id: tenantId, planId: selected } } });
      const userErrors = data?.updateTenant.userErrors ?? [];
      setErrors(formErrors(userErrors, ['planId']));
      setSaved(userErrors.length === 0);
    } catch (error) {
      setErrors({ byField: {}, form: [errorMessage(error as Error)] });
    }
  }

  if (!canChange) return <p>Plan: {plan ? plan.name : 'none (no limits)'}</p>;
  const options = [{ id: '', name: 'No plan (no limits)' }, ...(plans.data?.plans.edges.map(({ node }) => node) ?? [])];
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Change plan" noValidate>
      <FormErrorList errors={errors.form} />
      <FormField label="Plan" error={errors.byField.planId}>
        {(props) => (
          <select value={selected} onChange={(e) => setChoice(e.target.value)} {...props}>
            {options.map((option) => (
              <option key={option.id} value={option.id}>
                {option.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" disabled={loading}>
        Save plan
      </button>
      <SavedNote show={saved} />
    </form>
  );
}
