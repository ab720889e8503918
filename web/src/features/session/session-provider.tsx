'use client';
// The session and its Apollo client, for the whole panel. No script here ever holds the key: it
// sits in an HttpOnly cookie (./session-api.ts), which the browser sends to the panel's /graphql.
// Created in the browser only: the server renders a neutral shell and the data comes after.
import type { ErrorLike } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ViewerDocument } from '@/generated/graphql';
import { createPanelClient, type PanelClient } from '@/lib/apollo';
import { resetLiveEvents } from '@/lib/live-events';
import { endSession, hasSession, startSession, type Viewer } from './session-api';

export type { Viewer };

export interface Session {
  /** False until the panel has said whether this browser has a session. */
  restored: boolean;
  client: PanelClient | null;
  /** Tries a key; on success the panel keeps it as the session's cookie and the viewer is returned. */
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

  /** Ends the session: the cookie goes first, so no page loaded after this finds it still set. */
  const leave = useCallback(
    (why: 'logout' | 'ended') => {
      void endSession().then(() => {
        setExit(why);
        replace(null);
        router.replace(why === 'ended' ? '/session-ended' : '/login');
      });
    },
    [replace, router],
  );

  const open = useCallback((): PanelClient => {
    const opened: PanelClient = createPanelClient({
      // Only the session's current client ends the session (a disposed one may still report).
      onUnauthenticated: () => {
        if (current.current === opened) leave('ended');
      },
      onReconnected: () => setReconnects((n) => n + 1),
    });
    return opened;
  }, [leave]);

  useEffect(() => {
    if (restored) return;
    let cancelled = false;
    void hasSession().then((active) => {
      if (cancelled) return;
      if (active) replace(open());
      setRestored(true);
    });
    return () => {
      cancelled = true;
    };
  }, [open, replace, restored]);

  const login = useCallback(
    async (apiKey: string) => {
      const result = await startSession(apiKey);
      if ('error' in result) return result;
      const opened = open();
      // The login's answer is the viewer: every page's gate reads it from the cache at once.
      opened.apollo.writeQuery({ query: ViewerDocument, data: { viewer: result.viewer } });
      setExit(null);
      replace(opened);
      return result;
    },
    [open, replace],
  );

  const logout = useCallback(() => leave('logout'), [leave]);

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
