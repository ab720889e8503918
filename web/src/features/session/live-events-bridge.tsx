'use client';
// The session's one live stream: every event the key may see, merged into the cache as it
// arrives (lib/live-events.ts). After a reconnect it resumes after the last cursor it saw, so
// the API replays whatever happened while the socket was down. No polling anywhere.
import { useEffect, useRef } from 'react';
import { EventsDocument } from '@/generated/graphql';
import { applyEvent } from '@/lib/live-events';
import { useSession } from './session-provider';

export function LiveEventsBridge() {
  const { client, reconnects } = useSession();
  const lastCursor = useRef<string | null>(null);

  useEffect(() => {
    if (!client) return;
    const subscription = client.apollo
      .subscribe({ query: EventsDocument, variables: { after: lastCursor.current } })
      .subscribe({
        next: ({ data }) => {
          if (!data) return;
          lastCursor.current = data.events.cursor;
          applyEvent(client.apollo.cache, data.events);
        },
      });
    return () => subscription.unsubscribe();
  }, [client, reconnects]);

  return null;
}
