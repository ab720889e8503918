'use client';
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { useRef } from 'react';
import { TenantChangedDocument } from '@/generated/graphql';
import { applyEvent } from '@/lib/live-events';

/**
 * Follows one tenant: replays its events after `newestCursor` (the newest one the page loaded,
 * so nothing between the query and the subscription is missed), then stays live. The cursor is
 * taken once per tenant, when its data is first `ready`: the events this subscription adds to
 * the cache must not restart it.
 */
export function useTenantLive(id: string, newestCursor: string | null | undefined, ready: boolean): void {
  const client = useApolloClient();
  const start = useRef<{ id: string; after: string | null } | null>(null);
  if (ready && start.current?.id !== id) start.current = { id, after: newestCursor ?? null };
  const from = start.current?.id === id ? start.current : null;
  useSubscription(TenantChangedDocument, {
    variables: { id, after: from?.after ?? null },
    skip: !from,
    onData: ({ data }) => {
      if (data.data) applyEvent(client.cache, data.data.tenantChanged);
    },
  });
}
