'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { homeOf, useViewer } from '@/features/session/require-session';
import { useSession } from '@/features/session/session-provider';

/** The bar above every logged-in page: where you are, who is logged in, and Log out. */
export function TopBar({ area, children }: { area: string; children?: ReactNode }) {
  const viewer = useViewer();
  const { logout } = useSession();
  return (
    <header className="topbar">
      <Link href={homeOf(viewer)} className="brand-mark">
        Hostplane <span className="muted">{area}</span>
      </Link>
      <div className="whoami">
        <span>
          {viewer.name} <code>{viewer.prefix}…</code>
        </span>
        {children}
        <button type="button" onClick={logout}>
          Log out
        </button>
      </div>
    </header>
  );
}
