// The panel's Apollo Client: queries and mutations over HTTP, subscriptions over graphql-ws, both
// to the panel's own /graphql. Neither carries a key: the browser sends the session cookie and
// the panel's proxy adds the key (src/proxy.ts). One normalized cache: the live event stream
// writes status changes into it, so every view of an object changes together.
import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { liveStatusPolicies } from './live-events';

/** The panel's own /graphql (src/proxy.ts forwards it to the API), over HTTP and WebSocket. */
export function graphqlUrls(): { http: string; ws: string } {
  const { protocol, host } = window.location;
  return {
    http: `${protocol}//${host}/graphql`,
    ws: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/graphql`,
  };
}

/** graphql-ws close code when the API refuses the key during the handshake. */
const WS_FORBIDDEN = 4403;

export interface PanelClient {
  apollo: ApolloClient;
  ws: WsClient;
  /** Closes the WebSocket and drops the cache (logout, key change). */
  dispose(): void;
}

export interface PanelClientOptions {
  /** The API refused the key (revoked, expired, deleted): end the session. */
  onUnauthenticated(): void;
  /** The WebSocket reconnected after a drop: live streams resume after their last cursor. */
  onReconnected?(): void;
}

export function createPanelClient({ onUnauthenticated, onReconnected }: PanelClientOptions): PanelClient {
  const urls = graphqlUrls();
  const ws = createClient({
    url: urls.ws,
    lazy: true,
    retryAttempts: Infinity,
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === WS_FORBIDDEN),
    on: {
      closed: (event) => {
        if (isCloseEvent(event) && event.code === WS_FORBIDDEN) onUnauthenticated();
      },
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) onReconnected?.();
      },
    },
  });

  const errors = new ErrorLink(({ error }) => {
    const refused =
      (ServerError.is(error) && error.statusCode === 401) ||
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
    if (refused) onUnauthenticated();
  });
  const http = new HttpLink({ uri: urls.http, credentials: 'same-origin' });
  const transport = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(ws),
    http,
  );

  const apollo = new ApolloClient({
    link: ApolloLink.from([errors, transport]),
    cache: new InMemoryCache({
      typePolicies: {
        ...liveStatusPolicies(),
        // Events have no id: kept inline in the object whose `events` list holds them.
        ResourceEvent: { keyFields: false },
        // Singletons: one of each per key, so an update anywhere refreshes every view of it.
        PlatformConfig: { keyFields: [] },
        ViewerInfo: { keyFields: [] },
        DashboardStats: { keyFields: [] },
      },
    }),
    defaultOptions: {
      watchQuery: { fetchPolicy: 'cache-and-network' },
    },
  });

  return {
    apollo,
    ws,
    dispose() {
      void ws.dispose();
      void apollo.clearStore();
      apollo.stop();
    },
  };
}

function isCloseEvent(event: unknown): event is { code: number } {
  return typeof event === 'object' && event !== null && 'code' in event && typeof event.code === 'number';
}
