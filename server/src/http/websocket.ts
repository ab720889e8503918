// GraphQL over WebSocket (graphql-ws), held to what HTTP is held to: a frame is at most
// MAX_FRAME_BYTES before anyone is authenticated; a socket that does not authenticate within
// CONNECTION_INIT_TIMEOUT_MS is closed; every subscribe is parsed with the token limit and
// validated with every rule (./document-limits.ts) before it is priced or run; its errors are
// masked by the HTTP formatter; and open operations are capped per socket and per API key.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Context, Ports } from '@hostplane/schema';
import { GraphQLError, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticate, headerCredential } from '../auth/authenticate.js';
import type { ApiKeySessions } from '../auth/sessions.js';
import { directDelivery, withDirectDelivery } from '../events/direct-delivery.js';
import { subscribeShared } from '../events/shared-execution.js';
import { createPorts } from '../ports.js';
import { priceAndTake, rateLimitedError, type Limiter } from '../rate-limits/index.js';
import type { ServiceDeps } from '../services.js';
import type { AuthThrottle } from './auth-throttle.js';
import type { ClientAddresses } from './client-address.js';
import { checkDocument } from './document-limits.js';

/** Largest WebSocket frame (and message) accepted; `ws` defaults to 100 MiB. Queries are ≤ 2000 tokens. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** A socket that has not sent connection_init by then is closed (4408). */
export const CONNECTION_INIT_TIMEOUT_MS = 3_000;
/** Operations one socket may have open at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 25;
/** Operations one API key may have open at once, over all its sockets on this API process. */
export const MAX_SUBSCRIPTIONS_PER_KEY = 100;
/** The stable code of a subscribe refused by either cap. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';
/** Close code for an address that made too many failed authentications (see ./auth-throttle.ts). */
export const CLOSE_AUTH_THROTTLED = 4429;
/** Validated documents kept for reuse, and the longest source kept (longer ones are checked each time). */
const CHECKED_DOCUMENTS = 256;
const CHECKED_SOURCE_MAX = 8 * 1024;

type SocketState = {
  viewer?: Context['viewer'];
  forget?: () => void;
};
type Ctx = WsContext<Record<string, unknown>, Extra & SocketState>;

export interface WebSocketDeps {
  schema: GraphQLSchema;
  deps: ServiceDeps;
  limiter: Limiter;
  sessions: ApiKeySessions;
  throttle: AuthThrottle;
  addresses: ClientAddresses;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** Serves graphql-ws on `path` of `httpServer`; returns what stops it. */
export function serveWebSocket(httpServer: Server, path: string, options: WebSocketDeps) {
  const { schema, deps, limiter, sessions, throttle, addresses, formatError } = options;
  const wsServer = new WebSocketServer({ server: httpServer, path, maxPayload: MAX_FRAME_BYTES });
  const socketsByKey = new Map<string, Set<Ctx>>();
  const mask = (errors: readonly GraphQLError[]) => errors.map((e) => formatError(e.toJSON(), e));
  const check = checkedDocuments(schema);

  const cleanup = useServer<Record<string, unknown>, SocketState>(
    {
      schema,
      // One execution per event for subscribers of the same operation and visibility.
      subscribe: subscribeShared,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        // SDKs and the CLI send the key in connection_init; the panel's browser cannot hold it,
        // so its proxy sends it as the upgrade request's header instead (web/src/proxy.ts).
        const param = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const header = typeof param === 'string' ? param : headerCredential(ctx.extra.request.headers);
        try {
          const viewer = await throttle.guard(addresses.of(ctx.extra.request), header, (credential) =>
            authenticate(deps.db, credential),
          );
          ctx.extra.viewer = viewer;
          const open = socketsByKey.get(viewer.apiKeyId) ?? new Set();
          socketsByKey.set(viewer.apiKeyId, open.add(ctx));
          const untrack = sessions.track(viewer.apiKeyId, () => ctx.extra.socket.close(4403, 'API key revoked'));
          ctx.extra.forget = () => {
            untrack();
            open.delete(ctx);
            if (open.size === 0 && socketsByKey.get(viewer.apiKeyId) === open) socketsByKey.delete(viewer.apiKeyId);
          };
          return true;
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'RATE_LIMITED') {
            ctx.extra.socket.close(CLOSE_AUTH_THROTTLED, error.message.slice(0, 120));
          }
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => ctx.extra.forget?.(),
      onSubscribe: async (ctx, id, payload) => {
        const viewer = ctx.extra.viewer!;
        // graphql-ws has registered this operation already: the counts include it.
        const onSocket = Object.keys(ctx.subscriptions).length;
        let onKey = 0;
        for (const socket of socketsByKey.get(viewer.apiKeyId) ?? []) onKey += Object.keys(socket.subscriptions).length;
        if (onSocket > MAX_SUBSCRIPTIONS_PER_SOCKET || onKey > MAX_SUBSCRIPTIONS_PER_KEY) {
          return [tooManySubscriptions(onSocket > MAX_SUBSCRIPTIONS_PER_SOCKET)];
        }
        const document = check(payload.query);
        if (isErrors(document)) return [...document];
        // A subscription is priced once, as it starts (its events are not: they are the server's).
        const priced = await priceAndTake(
          limiter,
          schema,
          viewer.apiKeyId,
          document,
          payload.operationName,
          payload.variables ?? {},
        );
        if (priced && !priced.outcome.allowed) return [rateLimitedError(priced)];
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          // Event subscriptions write their results to the socket themselves (direct-delivery.ts).
          contextValue: withDirectDelivery(operationContext(viewer, deps), directDelivery(ctx.extra.socket, id, mask)),
        };
      },
      // The same masking as HTTP: internal error text stays in the log (direct deliveries mask alike).
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: mask(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => mask(errors),
    },
    wsServer,
  );

  return {
    async stop() {
      await cleanup.dispose();
      wsServer.close();
    },
  };
}

/**
 * The context of one operation. Its ports (services and their DataLoaders, ~20 KiB) are built by
 * the first read in an execution and kept on the object that read them: a query's context, or —
 * for a subscription, whose executions (the subscribe, then each event) each read through a
 * context of their own (../events/shared-execution.ts) — that execution's. So an idle
 * subscription holds no ports, and its DataLoaders never serve rows cached hours ago.
 */
function operationContext(viewer: Context['viewer'], deps: ServiceDeps): Context {
  return {
    viewer,
    requestId: randomUUID(),
    get ports(): Ports {
      const ports = createPorts(deps);
      Object.defineProperty(this, 'ports', { value: ports, enumerable: true });
      return ports;
    },
  };
}

/**
 * `checkDocument` with its passes remembered by source text: the same text parses and validates
 * the same against one schema, and a thousand panels subscribing with one query then share one
 * document (memory, and the shared execution's key) instead of parsing and validating it a
 * thousand times. Refusals are not kept; neither are long sources (the cache stays small).
 */
function checkedDocuments(schema: GraphQLSchema) {
  const passed = new Map<string, DocumentNode>();
  return (source: unknown): DocumentNode | readonly GraphQLError[] => {
    const known = typeof source === 'string' ? passed.get(source) : undefined;
    if (known) return known;
    const document = checkDocument(schema, source);
    if (isErrors(document) || typeof source !== 'string' || source.length > CHECKED_SOURCE_MAX) return document;
    if (passed.size >= CHECKED_DOCUMENTS) passed.delete(passed.keys().next().value!);
    passed.set(source, document);
    return document;
  };
}

function isErrors(value: unknown): value is readonly GraphQLError[] {
  return Array.isArray(value);
}

function tooManySubscriptions(perSocket: boolean): GraphQLError {
  const message = perSocket
    ? `A connection may have at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations open; complete one first.`
    : `An API key may have at most ${MAX_SUBSCRIPTIONS_PER_KEY} operations open; complete one first.`;
  return new GraphQLError(message, { extensions: { code: TOO_MANY_SUBSCRIPTIONS } });
}
