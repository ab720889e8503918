'use client';
import { useState, type FormEvent } from 'react';
import type { UserErrorFieldsFragment } from '@/generated/graphql';
import { errorMessage } from './errors';
import { textOf } from './forms';
import { formErrors, noFormErrors, type FormErrors } from './user-errors';

/**
 * The submit handler of a mutation form: `run` gets the submitted text fields (trimmed) and the
 * raw FormData (for values that must not be trimmed, such as passwords) and returns the
 * mutation's userErrors (empty on success), which are then shown at `fields`; a thrown error
 * (network, forbidden) is shown above the form.
 */
export function useMutationForm(
  fields: readonly string[],
  run: (text: (name: string) => string, form: FormData) => Promise<readonly UserErrorFieldsFragment[]>,
) {
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      setErrors(formErrors(await run((name) => textOf(form, name), form), fields));
    } catch (error) {
      setErrors({ byField: {}, form: [errorMessage(error as Error)] });
    }
  }
  return { errors, onSubmit };
}
