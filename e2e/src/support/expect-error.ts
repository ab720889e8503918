import { HostplaneApiError } from '@hostplane/schema/sdk';
import { expect } from 'vitest';

/** Asserts the promise rejects with a top-level GraphQL error of this code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(HostplaneApiError);
  expect((error as HostplaneApiError).codes).toContain(code);
}
