import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from '../logger.js';

/** Codes a client may see as they are; anything else is an internal error. */
const PUBLIC_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'RATE_LIMITED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_SUBSCRIPTIONS',
  'SUBSCRIBER_TOO_SLOW',
]);

/**
 * Whether an error began as something other than a GraphQLError (a bug, a database error): its
 * text is the server's, whatever wraps it. graphql-ws wraps what a subscription's stream throws in
 * a GraphQLError without code or path, which would otherwise pass for a validation error.
 */
function isInternal(error: unknown): boolean {
  let current = error;
  while (current instanceof GraphQLError) {
    if (!current.originalError) return false;
    current = current.originalError;
  }
  return current !== undefined && current !== null;
}

/**
 * Hides internal error text: the client gets `INTERNAL` and an id, the log gets the details.
 * Validation failures from graphql-js (bad argument types) are the caller's and pass through.
 * HTTP (Apollo) and WebSocket (./websocket.ts) answers both go through it.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    if (PUBLIC_CODES.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (!code && !formatted.path && !isInternal(error)) return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
    const errorId = randomUUID();
    logger.error({ err: error, errorId, path: formatted.path }, 'internal error');
    return {
      message: `Internal error (id ${errorId}).`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL', errorId },
    };
  };
}
