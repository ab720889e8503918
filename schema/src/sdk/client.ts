import {
  Client,
  fetchExchange,
  subscriptionExchange,
  type AnyVariables,
  type OperationResult,
  type TypedDocumentNode,
} from '@urql/core';
import { createClient as createWsClient, type Client as WsClient, type Sink } from 'graphql-ws';
import { HostplaneApiError } from './errors.js';
import { findOperation, type OperationKind } from './operations.js';

/** How to reach the API. */
export interface HostplaneClientOptions {
  /** The HTTP endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The API key, sent as `Authorization: Bearer <key>` and as graphql-ws `connectionParams`. */
  apiKey: string;
  /** The WebSocket endpoint; defaults to `url` with `http(s)` replaced by `ws(s)` (same path). */
  wsUrl?: string;
  /**
   * A WebSocket constructor for runtimes without a global one (Node 20: pass `ws`'s default
   * export). Only needed for subscriptions: the socket is opened on the first `subscribe`.
   */
  webSocketImpl?: unknown;
  /** A fetch implementation; defaults to the global one (browsers, Node ≥ 18). */
  fetch?: typeof fetch;
  /**
   * How many RATE_LIMITED refusals of one query or mutation are waited out (for the Retry-After
   * the API gave) before it rejects; default 3, 0 to reject at once. A refused operation never
   * ran (the API prices it before execution), so retrying a mutation cannot apply it twice.
   */
  rateLimitRetries?: number;
}

/** Variables are optional for operations that take none (`viewer`), required otherwise. */
type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/** Called with a subscription's error; the subscription has ended. */
export type SubscriptionErrorHandler = (error: HostplaneApiError) => void;

/** A typed Hostplane API client (Node and browsers). Create one with `createHostplaneClient`. */
export interface HostplaneClient {
  /** The underlying urql client, for callers that want its full API. */
  readonly urql: Client;
  /** Runs a query; resolves with its data or rejects with a `HostplaneApiError`. */
  query<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    ...variables: VariablesArg<Variables>
  ): Promise<Data>;
  /**
   * Runs a mutation; resolves with its payload. Input failures are the payload's `userErrors`,
   * not a rejection: check them.
   */
  mutate<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    ...variables: VariablesArg<Variables>
  ): Promise<Data>;
  /**
   * Follows a subscription over graphql-ws; returns the function that ends it. Without
   * `onError`, an error is rethrown asynchronously so it is never silently lost.
   */
  subscribe<Data, Variables extends AnyVariables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    onEvent: (data: Data) => void,
    onError?: SubscriptionErrorHandler,
  ): () => void;
  /**
   * Runs a generated query or mutation by its operation name (`CreateTenant`) with untyped
   * variables: what the MCP adapter needs. Unknown names and subscriptions reject.
   */
  runOperation(operationName: string, variables?: Record<string, unknown>): Promise<unknown>;
  /** Closes the WebSocket, if one was opened. */
  close(): Promise<void>;
}

/** Connection-level refusals (graphql-ws close codes): the key was not accepted. */
const CLOSE_CODES: Record<number, string> = { 4401: 'UNAUTHENTICATED', 4403: 'UNAUTHENTICATED' };

function dataOf<Data>(result: OperationResult<Data>): Data {
  if (result.error) throw HostplaneApiError.fromCombined(result.error);
  if (result.data === undefined || result.data === null) {
    throw new HostplaneApiError('The API returned no data.', []);
  }
  return result.data;
}

/** The close code when `value` is (like) a WebSocket CloseEvent, else null. */
function closeCodeOf(value: unknown): number | null {
  return value && typeof value === 'object' && 'code' in value && typeof value.code === 'number' ? value.code : null;
}

/**
 * graphql-ws reports a closed socket as a CloseEvent, which urql would turn into a message-less
 * network error; give it a message and, for an auth refusal, the code HTTP would have sent.
 */
function describeWsError(error: unknown): unknown {
  if (Array.isArray(error) || error instanceof Error) return error;
  const closeCode = closeCodeOf(error);
  if (closeCode === null) return new Error(String(error));
  const reason =
    error && typeof error === 'object' && 'reason' in error && typeof error.reason === 'string' ? error.reason : '';
  const code = CLOSE_CODES[closeCode];
  const message = `WebSocket closed (${closeCode}${reason ? ` ${reason}` : ''})`;
  return code ? [{ message, extensions: { code } }] : new Error(message);
}

/**
 * graphql-ws retries a 4403 refusal by default (an access grant might arrive meanwhile), but this
 * client's key never changes: fail at once instead of after ~30 s of backoff.
 */
function shouldRetry(error: unknown): boolean {
  const closeCode = closeCodeOf(error);
  return closeCode !== null && CLOSE_CODES[closeCode] === undefined;
}

/** Creates a client for one API key. Call `close()` when done so a WebSocket does not linger. */
export function createHostplaneClient(options: HostplaneClientOptions): HostplaneClient {
  const authorization = `Bearer ${options.apiKey}`;
  let wsClient: WsClient | null = null;
  // Opened lazily: HTTP-only callers (most CLI commands) never need a WebSocket implementation.
  const ws = (): WsClient =>
    (wsClient ??= createWsClient({
      url: options.wsUrl ?? options.url.replace(/^http/, 'ws'),
      connectionParams: { authorization },
      webSocketImpl: options.webSocketImpl,
      lazy: true,
      shouldRetry,
    }));

  const urql = new Client({
    url: options.url,
    // Apollo's CSRF prevention refuses GET without a preflight header: always POST JSON.
    preferGetMethod: false,
    requestPolicy: 'network-only',
    fetch: options.fetch,
    fetchOptions: { headers: { authorization } },
    exchanges: [
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            const wrapped: Sink = {
              // graphql-ws and urql type the same execution result slightly differently.
              next: (value) => sink.next(value as Parameters<typeof sink.next>[0]),
              error: (error) => sink.error(describeWsError(error)),
              complete: () => sink.complete(),
            };
            return { unsubscribe: ws().subscribe({ ...request, query: request.query ?? '' }, wrapped) };
          },
        }),
      }),
      fetchExchange,
    ],
  });

  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const paced = async <Data>(send: () => Promise<OperationResult<Data>>): Promise<Data> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return dataOf(await send());
      } catch (error) {
        const waitSeconds = error instanceof HostplaneApiError ? error.retryAfterSeconds : null;
        if (waitSeconds === null || attempt >= rateLimitRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000 + Math.random() * 250));
      }
    }
  };
  // `{}` stands in for the variables of operations that take none; VariablesArg has made sure
  // the caller passed them otherwise, so the cast only bridges urql's overloads.
  const query: HostplaneClient['query'] = (document, ...[variables]) =>
    paced(() => urql.query(document, variables ?? ({} as never)).toPromise());
  const mutate: HostplaneClient['mutate'] = (document, ...[variables]) =>
    paced(() => urql.mutation(document, variables ?? ({} as never)).toPromise());

  const run: Record<Exclude<OperationKind, 'subscription'>, typeof query> = { query, mutation: mutate };

  return {
    urql,
    query,
    mutate,
    subscribe(document, variables, onEvent, onError) {
      const report =
        onError ??
        ((error: HostplaneApiError) =>
          queueMicrotask(() => {
            throw error;
          }));
      const { unsubscribe } = urql.subscription(document, variables).subscribe((result) => {
        if (result.error) report(HostplaneApiError.fromCombined(result.error));
        else if (result.data) onEvent(result.data);
      });
      return unsubscribe;
    },
    async runOperation(operationName, variables = {}) {
      const operation = findOperation(operationName);
      if (!operation) throw new Error(`Unknown operation ${operationName}.`);
      if (operation.kind === 'subscription') throw new Error(`${operationName} is a subscription.`);
      return run[operation.kind](operation.document, variables as never);
    },
    async close() {
      await wsClient?.dispose();
      wsClient = null;
    },
  };
}
