import { GraphQLError } from 'graphql';

/** Stable top-level error codes (DESIGN.md §4): only for what is not the input's fault. */
export type ErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'RATE_LIMITED' | 'INTERNAL';

export class HostplaneError extends GraphQLError {
  constructor(code: ErrorCode, message: string) {
    super(message, { extensions: { code } });
  }
}

export const forbidden = (what = 'this operation'): HostplaneError =>
  new HostplaneError('FORBIDDEN', `This API key may not perform ${what}.`);

export const notFound = (what: string): HostplaneError => new HostplaneError('NOT_FOUND', `${what} not found.`);

export const badInput = (message: string): HostplaneError => new HostplaneError('BAD_USER_INPUT', message);

export const unauthenticated = (message: string): HostplaneError => new HostplaneError('UNAUTHENTICATED', message);
