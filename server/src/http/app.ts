import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { ApiKeySessions } from '../auth/sessions.js';
import type { Context } from '@hostplane/schema';
import { authenticate, headerCredential } from '../auth/authenticate.js';
import { createPorts } from '../ports.js';
import { DEFAULT_RATE_LIMITS, rateLimitPlugin, SharedRateLimiter } from '../rate-limits/index.js';
import type { ServiceDeps } from '../services.js';
import { AuthThrottle } from './auth-throttle.js';
import { clientAddresses } from './client-address.js';
import { parseOptions, protection } from './document-limits.js';
import { createErrorFormatter } from './errors.js';
import { jsonErrorHandler, notFound, requireJsonPost } from './express-errors.js';
import { serveWebSocket } from './websocket.js';

/** How long in-flight HTTP requests may finish after a stop before their sockets are cut. */
const HTTP_DRAIN_MS = 5_000;

/**
 * Stops accepting, closes idle keep-alive sockets at once and cuts the rest after `graceMs`.
 * (Apollo's drain plugin waited forever here when a WebSocket server shared the port.)
 */
function closeHttpServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Turns an auth failure into an HTTP 401 GraphQL error rather than a 500 (a throttle keeps its 429). */
function asHttpError(error: unknown): never {
  if (error instanceof GraphQLError && !error.extensions.http) {
    throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 401 } } });
  }
  throw error;
}

export interface ApiServer {
  httpServer: Server;
  stop(): Promise<void>;
}

/** Apollo (HTTP) and graphql-ws (WebSocket) on one port and one path, sharing one schema. */
export async function createApiServer(schema: GraphQLSchema, deps: ServiceDeps): Promise<ApiServer> {
  const app = express();
  const httpServer = createServer(app);
  // Every API process spends from the same buckets (PostgreSQL), so N processes allow the rate once.
  const limiter = new SharedRateLimiter(deps.db, deps.rateLimits ?? DEFAULT_RATE_LIMITS);
  const throttle = new AuthThrottle();
  const addresses = clientAddresses(deps.trustedProxies ?? []);
  const formatError = createErrorFormatter(deps.logger);
  const sessions = new ApiKeySessions(deps.db, deps.logger);
  sessions.start();
  const stopWatchingRevocations = deps.events.onApiKeyRevoked((apiKeyId) => sessions.revoked(apiKeyId));
  const webSocket = serveWebSocket(httpServer, '/graphql', {
    schema,
    deps,
    limiter,
    sessions,
    throttle,
    addresses,
    formatError,
  });

  const apollo = new ApolloServer<Context>({
    schema,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    parseOptions,
    validationRules: protection.validationRules,
    plugins: [
      // armor's typings come from Apollo's CJS build; the plugins are the same objects.
      ...(protection.plugins as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginLandingPageDisabled(),
      rateLimitPlugin(limiter),
    ],
    formatError,
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, subscribers: deps.events.subscriberCount });
  });
  app.use(
    '/graphql',
    requireJsonPost,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        viewer: await throttle
          .guard(addresses.of(req), headerCredential(req.headers), (key) => authenticate(deps.db, key))
          .catch(asHttpError),
        ports: createPorts(deps),
        requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      }),
    }),
  );
  app.use(notFound);
  app.use(jsonErrorHandler(deps.logger));

  return {
    httpServer,
    async stop() {
      // Subscriptions first (clients get a proper close code), then HTTP, then Apollo.
      stopWatchingRevocations();
      sessions.stop();
      await webSocket.stop();
      await closeHttpServer(httpServer, HTTP_DRAIN_MS);
      await apollo.stop();
    },
  };
}
