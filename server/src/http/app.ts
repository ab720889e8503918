import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { ApiKeySessions } from '../auth/sessions.js';
import { WebSocketServer } from 'ws';
import type { Context } from '@hostplane/schema';
import { authenticate } from '../auth/authenticate.js';
import { createPorts } from '../ports.js';
import {
  DEFAULT_RATE_LIMITS,
  priceAndTake,
  RateLimiter,
  rateLimitedError,
  rateLimitPlugin,
} from '../rate-limits/index.js';
import type { ServiceDeps } from '../services.js';
import { createErrorFormatter } from './errors.js';

/** Hostile-query limits, checked before execution (DESIGN.md §5). */
const armor = new ApolloArmor({
  maxDepth: { n: 10 },
  maxAliases: { n: 15 },
  maxTokens: { n: 2000 },
  // armor prices by depth, not by `first`; a 100-tenant page with brand/shard/nodes costs ~8.8k.
  costLimit: { maxCost: 25_000 },
  maxDirectives: { n: 20 },
});

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

/** Turns an auth failure into an HTTP 401 GraphQL error rather than a 500. */
function asHttpError(error: unknown): never {
  if (error instanceof GraphQLError) {
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
  const protection = armor.protect();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_RATE_LIMITS);
  const sessions = new ApiKeySessions(deps.db, deps.logger);
  sessions.start();
  const stopWatchingRevocations = deps.events.onApiKeyRevoked((apiKeyId) => sessions.revoked(apiKeyId));

  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Context['viewer']; forget?: () => void }>(
    {
      schema,
      // Same pre-execution limits as HTTP: armor's rules run on every subscribe.
      validate: (s, doc) => validate(s, doc, [...specifiedRules, ...protection.validationRules]),
      onConnect: async (ctx) => {
        const header = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          const viewer = await authenticate(deps.db, typeof header === 'string' ? header : null);
          ctx.extra.viewer = viewer;
          ctx.extra.forget = sessions.track(viewer.apiKeyId, () => ctx.extra.socket.close(4403, 'API key revoked'));
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => ctx.extra.forget?.(),
      // A subscription is priced once, as it starts (its events are not: they are the server's).
      onSubscribe: (ctx, _id, payload) => {
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch {
          return; // graphql-ws parses it again and reports the syntax error
        }
        const viewer = ctx.extra.viewer!;
        const priced = priceAndTake(
          limiter,
          schema,
          viewer.apiKeyId,
          document,
          payload.operationName,
          payload.variables ?? {},
        );
        if (priced && !priced.outcome.allowed) return [rateLimitedError(priced)];
      },
      context: (ctx): Context => ({
        viewer: ctx.extra.viewer!,
        ports: createPorts(deps),
        requestId: randomUUID(),
      }),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    schema,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    validationRules: protection.validationRules,
    plugins: [
      // armor's typings come from Apollo's CJS build; the plugins are the same objects.
      ...(protection.plugins as unknown as ApolloServerPlugin<Context>[]),
      ApolloServerPluginLandingPageDisabled(),
      rateLimitPlugin(limiter),
    ],
    formatError: createErrorFormatter(deps.logger),
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true, subscribers: deps.events.subscriberCount });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<Context> => ({
        viewer: await authenticate(deps.db, req.headers.authorization ?? (req.headers['x-api-key'] as string)).catch(
          asHttpError,
        ),
        ports: createPorts(deps),
        requestId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      }),
    }),
  );

  return {
    httpServer,
    async stop() {
      // Subscriptions first (clients get a proper close code), then HTTP, then Apollo.
      stopWatchingRevocations();
      sessions.stop();
      await wsCleanup.dispose();
      wsServer.close();
      await closeHttpServer(httpServer, HTTP_DRAIN_MS);
      await apollo.stop();
    },
  };
}
