import { userError, UserErrorCode, type UserError } from '@hostplane/schema';

/** The payload of a refused mutation: no object in its `payload` field, the userErrors. */
export type Refusal<F extends string> = { [K in F]: null } & { userErrors: UserError[] };

/**
 * A mutation payload refusing with one userError (expected failures are data, not thrown
 * errors): `refuse('webroot', 'id', 'Webroot not found.', UserErrorCode.NOT_FOUND)` is
 * `{ webroot: null, userErrors: [...] }`.
 */
export function refuse<F extends string>(
  payload: F,
  field: string,
  message: string,
  code = UserErrorCode.INVALID,
): Refusal<F> {
  return { [payload]: null, ...refusal(field, message, code) } as Refusal<F>;
}

/** One userError, for checks whose caller builds the payload (`{ userErrors }` or a result). */
export function refusal(field: string, message: string, code = UserErrorCode.INVALID): { userErrors: UserError[] } {
  return { userErrors: [userError(field, message, code)] };
}
