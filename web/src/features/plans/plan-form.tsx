'use client';
// Create or edit a plan: a name and a limit per counted resource (empty = unlimited). The brand
// is chosen once, at creation. userErrors appear next to their fields.
import { useMutation, useQuery } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { FormErrorList, SelectField, SubmitRow, TextField } from '@/components/form-field';
import { SavedNote } from '@/components/saved-note';
import {
  CreatePlanDocument,
  PlanFormBrandsDocument,
  UpdatePlanDocument,
  type PlanFieldsFragment,
} from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';
import { PLAN_LIMITS, type PlanLimitField } from './plan-limits';

const FIELDS = ['name', 'brandId', ...PLAN_LIMITS.map((l) => l.field)] as const;

/** A limit as typed: empty is unlimited (null); anything else goes to the API as a number, which judges it. */
const limitOf = (text: string): number | null => (text === '' ? null : Number(text));

export function PlanForm({ plan }: { plan?: PlanFieldsFragment }) {
  const router = useRouter();
  const brands = useQuery(PlanFormBrandsDocument, { skip: Boolean(plan) });
  const [create, creating] = useMutation(CreatePlanDocument, { refetchQueries: ['ListPlans'] });
  const [update, updating] = useMutation(UpdatePlanDocument);
  const [saved, setSaved] = useState(false);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    setSaved(false);
    const limits = Object.fromEntries(PLAN_LIMITS.map((l) => [l.field, limitOf(text(l.field))])) as Record<
      PlanLimitField,
      number | null
    >;
    if (plan) {
      const { data } = await update({ variables: { input: { id: plan.id, name: text('name'), ...limits } } });
      const userErrors = data?.updatePlan.userErrors ?? [];
      setSaved(userErrors.length === 0);
      return userErrors;
    }
    const input = { brandId: text('brandId'), name: text('name'), ...limits };
    const { data } = await create({ variables: { input } });
    const created = data?.createPlan.plan;
    if (created) router.push(`/admin/plans/${encodeURIComponent(created.id)}`);
    return data?.createPlan.userErrors ?? [];
  });
  const brandOptions = (brands.data?.brands.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name }));

  return (
    <form onSubmit={onSubmit} className="form" aria-label={plan ? 'Edit plan' : 'New plan'} noValidate>
      {plan ? null : <h1>New plan</h1>}
      <FormErrorList errors={errors.form} />
      {plan ? null : <SelectField name="brandId" label="Brand" options={brandOptions} error={errors.byField.brandId} />}
      <TextField name="name" label="Name" error={errors.byField.name} defaultValue={plan?.name} />
      {PLAN_LIMITS.map((l) => (
        <TextField
          key={l.field}
          name={l.field}
          label={l.label}
          type="number"
          error={errors.byField[l.field]}
          hint="Empty = unlimited."
          defaultValue={plan?.[l.field] == null ? '' : String(plan[l.field])}
        />
      ))}
      <SubmitRow label={plan ? 'Save plan' : 'Create plan'} busy={creating.loading || updating.loading}>
        <SavedNote show={saved} />
      </SubmitRow>
    </form>
  );
}
