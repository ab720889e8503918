import type { CombinedError } from '@urql/core';

/** One GraphQL error as the API reported it. */
export interface ApiErrorDetail {
  message: string;
  /** The stable `extensions.code` (DESIGN.md §4), or null when the server sent none. */
  code: string | null;
  path: readonly (string | number)[] | null;
  /** For RATE_LIMITED: the seconds until the operation would be allowed; null when it never would. */
  retryAfterSeconds?: number | null;
}

/** Code used when no GraphQL error arrived: the request never got an answer. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/**
 * A request the API refused with top-level errors (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND,
 * BAD_USER_INPUT, RATE_LIMITED, INTERNAL) or that failed on the network. Expected input
 * failures are not thrown: they come back as `userErrors` in the mutation payload.
 */
export class HostplaneApiError extends Error {
  override readonly name = 'HostplaneApiError';

  constructor(
    message: string,
    /** Every error the server returned; empty for a network failure. */
    readonly errors: readonly ApiErrorDetail[],
    /** The transport failure, when there was one. */
    readonly networkError: Error | null = null,
  ) {
    super(message);
  }

  /** Distinct error codes, in order; `NETWORK_ERROR` when the server answered nothing usable. */
  get codes(): string[] {
    const codes = this.errors.map((error) => error.code).filter((code): code is string => code !== null);
    return codes.length ? [...new Set(codes)] : [NETWORK_ERROR];
  }

  /** The first code: what a caller usually switches on. */
  get code(): string {
    return this.codes[0] ?? NETWORK_ERROR;
  }

  /** When the API refused for the rate limit and said when to come back: the seconds to wait. */
  get retryAfterSeconds(): number | null {
    return this.errors.find((error) => error.code === 'RATE_LIMITED')?.retryAfterSeconds ?? null;
  }

  /** From urql's CombinedError (HTTP and WebSocket results alike). */
  static fromCombined(error: CombinedError): HostplaneApiError {
    const errors = error.graphQLErrors.map((graphQLError) => ({
      message: graphQLError.message,
      code: typeof graphQLError.extensions?.code === 'string' ? graphQLError.extensions.code : null,
      path: graphQLError.path ?? null,
      retryAfterSeconds:
        typeof graphQLError.extensions?.retryAfterSeconds === 'number'
          ? graphQLError.extensions.retryAfterSeconds
          : null,
    }));
    const message = errors.length
      ? errors.map((detail) => detail.message).join('; ')
      : (error.networkError?.message ?? error.message);
    return new HostplaneApiError(message, errors, error.networkError ?? null);
  }
}
