// Reading Apollo errors for display: the API's stable `extensions.code` decides what the user
// sees (a not-found page, a forbidden note, or the message).
import { CombinedGraphQLErrors, ServerError, type ErrorLike } from '@apollo/client';

/** The API's error codes present in an Apollo error (`NOT_FOUND`, `FORBIDDEN`, …). */
export function errorCodes(error: ErrorLike | undefined): string[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL'));
  }
  if (ServerError.is(error) && error.statusCode === 401) return ['UNAUTHENTICATED'];
  return ['NETWORK'];
}

export function isNotFound(error: ErrorLike | undefined): boolean {
  return errorCodes(error).includes('NOT_FOUND');
}

/** True when the API refused the key itself: missing, invalid, expired or revoked. */
export function isUnauthenticated(error: ErrorLike | undefined): boolean {
  return errorCodes(error).includes('UNAUTHENTICATED');
}

/** A sentence for the user. */
export function errorMessage(error: ErrorLike | undefined): string {
  if (!error) return '';
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(' ');
  return `The API could not be reached (${error.message}).`;
}
