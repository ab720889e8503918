'use client';
// GraphiQL, self-hosted (its code, styles and Monaco workers come from our own bundle; nothing
// from a CDN). Queries and mutations go over HTTP, subscriptions over the session's own
// graphql-ws connection, all through the session cookie: the page never holds the key (the
// panel's /graphql adds it), so neither the editors nor any script here can show it.
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { print } from 'graphql';
import { useMemo } from 'react';
import type { Client } from 'graphql-ws';
import { EventsDocument, ViewerDocument } from '@/generated/graphql';
import { graphqlUrls } from '@/lib/apollo';

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
  wsClient,
  initialQuery,
  initialVariables,
}: {
  wsClient: Client;
  initialQuery?: string | undefined;
  initialVariables?: string | undefined;
}) {
  const fetcher = useMemo(
    () =>
      createGraphiQLFetcher({
        url: graphqlUrls().http,
        wsClient,
        enableIncrementalDelivery: false,
      }),
    [wsClient],
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
