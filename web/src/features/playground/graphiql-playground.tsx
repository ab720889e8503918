'use client';
// GraphiQL, self-hosted (its code, styles and Monaco workers come from our own bundle; nothing
// from a CDN). Queries and mutations go over HTTP, subscriptions over the session's own
// graphql-ws connection, all with the logged-in key — which never appears in the editors.
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { print } from 'graphql';
import { useMemo } from 'react';
import type { Client } from 'graphql-ws';
import { EventsDocument, ViewerDocument } from '@/generated/graphql';
import { bearer, graphqlUrls } from '@/lib/session-storage';

/** What a first visit shows: who am I, and the live event stream (from the panel's documents). */
const WELCOME = [
  '# Welcome to the Hostplane playground. Your API key is sent for you.',
  '# Run an operation with the ▶ button (Ctrl-Enter); the docs are in the sidebar.',
  '',
  print(ViewerDocument),
  '',
  print(EventsDocument),
].join('\n');

export default function GraphiQLPlayground({
  apiKey,
  wsClient,
  initialQuery,
  initialVariables,
}: {
  apiKey: string;
  wsClient: Client;
  initialQuery?: string | undefined;
  initialVariables?: string | undefined;
}) {
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: graphqlUrls().http,
        headers: { authorization: bearer(apiKey) },
        wsClient,
        enableIncrementalDelivery: false,
      }),
    [apiKey, wsClient],
  );
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={WELCOME}
      {...(initialQuery ? { initialQuery } : {})}
      {...(initialVariables ? { initialVariables } : {})}
      isHeadersEditorEnabled={false}
    />
  );
}
