'use client';
// The logged-in key and its Apollo client, for the whole panel. Created in the browser only:
// the key lives in localStorage, so the server renders a neutral shell and the data comes after.
import type { ErrorLike } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ViewerDocument, type ViewerQuery } from '@/generated/graphql';
import { createPanelClient, type PanelClient } from '@/lib/apollo';
import { resetLiveEvents } from '@/lib/live-events';
import { clearApiKey, readApiKey, storeApiKey } from '@/lib/session-storage';

export type Viewer = ViewerQuery['viewer'];

export interface Session {
  /** False until the browser's stored key has been read. */
  restored: boolean;
  client: PanelClient | null;
  /** Tries a key; on success it becomes the session's key and the viewer is returned. */
  login(apiKey: string): Promise<{ viewer: Viewer } | { error: ErrorLike }>;
  logout(): void;
  /** Bumped when the WebSocket reconnects, so live streams resume after their last cursor. */
  reconnects: number;
  /**
   * Why the session is over, if it is: the user logged out, or the API refused the key (then
   * /session-ended explains). Pages then leave as told instead of asking for a login themselves.
   */
  exit: 'logout' | 'ended' | null;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [client, setClient] = useState<PanelClient | null>(null);
  const [restored, setRestored] = useState(false);
  const [reconnects, setReconnects] = useState(0);
  const [exit, setExit] = useState<Session['exit']>(null);
  const current = useRef<PanelClient | null>(null);

  const replace = useCallback((next: PanelClient | null) => {
    if (current.current && current.current !== next) current.current.dispose();
    current.current = next;
    resetLiveEvents();
    setClient(next);
  }, []);

  const open = useCallback(
    (apiKey: string): PanelClient => {
      const opened: PanelClient = createPanelClient({
        apiKey,
        // Only the session's own client ends the session; a key being tried on the login page
        // reports its refusal there.
        onUnauthenticated: () => {
          if (current.current !== opened) return;
          clearApiKey();
          setExit('ended');
          replace(null);
          router.replace('/session-ended');
        },
        onReconnected: () => setReconnects((n) => n + 1),
      });
      return opened;
    },
    [replace, router],
  );

  useEffect(() => {
    if (restored) return;
    const apiKey = readApiKey();
    if (apiKey) replace(open(apiKey));
    setRestored(true);
  }, [open, replace, restored]);

  const login = useCallback(
    async (apiKey: string) => {
      const candidate = open(apiKey);
      try {
        const { data, error } = await candidate.apollo.query({ query: ViewerDocument, fetchPolicy: 'network-only' });
        if (error || !data) {
          candidate.dispose();
          return { error: error ?? new Error('No answer from the API.') };
        }
        storeApiKey(apiKey);
        setExit(null);
        replace(candidate);
        return { viewer: data.viewer };
      } catch (error) {
        candidate.dispose();
        return { error: error as ErrorLike };
      }
    },
    [open, replace],
  );

  const logout = useCallback(() => {
    clearApiKey();
    setExit('logout');
    replace(null);
    router.replace('/login');
  }, [replace, router]);

  const session = useMemo<Session>(
    () => ({ restored, client, reconnects, exit, login, logout }),
    [client, exit, login, logout, reconnects, restored],
  );

  return (
    <SessionContext.Provider value={session}>
      {client ? <ApolloProvider client={client.apollo}>{children}</ApolloProvider> : children}
    </SessionContext.Provider>
  );
}
