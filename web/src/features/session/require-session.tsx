'use client';
// Gate of every logged-in page: no key → the login page; a key the API refuses → the
// session-ended page (via the client's error handling); a tenant-bound key in the admin area →
// its own tenant's pages. Children render once the viewer is known.
import { useQuery } from '@apollo/client/react';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ViewerDocument } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { useSession, type Viewer } from './session-provider';

export type Area = 'admin' | 'tenant' | 'any';

const ViewerContext = createContext<Viewer | null>(null);

/** The logged-in key's identity (inside <RequireSession>). */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside <RequireSession>');
  return viewer;
}

/**
 * May the logged-in key call this root field (`createWebroot`, `auditLogs`, …)? The API decides
 * and lists them in `viewer.allowedOperations`: the panel knows no scope rules of its own. For one
 * resource's actions, ask its `viewerCan`.
 */
export function useMayCall(): (operation: string) => boolean {
  const { allowedOperations } = useViewer();
  return (operation) => allowedOperations.includes(operation);
}

/** Where a key belongs after login: a tenant's own pages, or the admin dashboard. */
export function homeOf(viewer: Pick<Viewer, 'tenantId'>): string {
  return viewer.tenantId ? `/tenant/${encodeURIComponent(viewer.tenantId)}` : '/admin';
}

export function RequireSession({ area, children }: { area: Area; children: ReactNode }) {
  const { restored, client, exit } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (!restored || client) return;
    // After a logout or a refused key the session says where to go; otherwise come back here.
    const target = { ended: '/session-ended', logout: '/login' } as const;
    router.replace(exit ? target[exit] : `/login?next=${encodeURIComponent(pathname)}`);
  }, [client, exit, pathname, restored, router]);

  if (!client) return <Waiting />;
  return <ViewerGate area={area}>{children}</ViewerGate>;
}

function ViewerGate({ area, children }: { area: Area; children: ReactNode }) {
  const router = useRouter();
  const { data, error } = useQuery(ViewerDocument, { fetchPolicy: 'cache-first' });
  const viewer = data?.viewer;
  const misplaced = area === 'admin' && viewer?.tenantId;

  useEffect(() => {
    if (misplaced && viewer) router.replace(homeOf(viewer));
  }, [misplaced, router, viewer]);

  if (error && !viewer) {
    return (
      <p role="alert" className="page-error">
        {errorMessage(error)}
      </p>
    );
  }
  if (!viewer || misplaced) return <Waiting />;
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

function Waiting() {
  return (
    <p className="waiting" aria-busy="true">
      Loading…
    </p>
  );
}
