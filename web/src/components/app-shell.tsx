'use client';
// The frame of every logged-in page: navigation, who is logged in, logout, and the live stream.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { LiveEventsBridge } from '@/features/session/live-events-bridge';
import { TopBar } from './top-bar';

export interface NavItem {
  href: string;
  label: string;
  /** Active on this path only (a dashboard); otherwise also on deeper paths (a list's detail pages). */
  exact?: boolean;
}

export function AppShell({ area, nav, children }: { area: string; nav: readonly NavItem[]; children: ReactNode }) {
  const pathname = usePathname();
  const isActive = (item: NavItem) =>
    item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
  return (
    <div className="shell">
      <LiveEventsBridge />
      <TopBar area={area} />
      <nav className="sidebar" aria-label="Main">
        <ul>
          {nav.map((item) => (
            <li key={item.href}>
              <Link href={item.href} aria-current={isActive(item) ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">{children}</main>
    </div>
  );
}
