import type { UserErrorFieldsFragment } from '@/generated/graphql';

/** A mutation's userErrors by input field (`["input", "displayName"]` → `displayName`). */
export interface FormErrors {
  byField: Record<string, string>;
  /** Errors that name no field of the form (shown above it). */
  form: string[];
}

export const noFormErrors: FormErrors = { byField: {}, form: [] };

export function formErrors(userErrors: readonly UserErrorFieldsFragment[], fields: readonly string[]): FormErrors {
  const byField: Record<string, string> = {};
  const form: string[] = [];
  for (const error of userErrors) {
    const name = error.field.filter((part) => part !== 'input').join('.');
    const field = fields.find((candidate) => name === candidate || name.startsWith(`${candidate}.`));
    if (field && !byField[field]) byField[field] = error.message;
    else form.push(error.message);
  }
  return { byField, form };
}
