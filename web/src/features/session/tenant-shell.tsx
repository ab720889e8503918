'use client';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { RequireSession } from './require-session';

/** The tenant area: one tenant's pages (a tenant-bound key sees only its own). */
export function TenantShell({ tenantId, children }: { tenantId: string; children: ReactNode }) {
  const base = `/tenant/${encodeURIComponent(tenantId)}`;
  return (
    <RequireSession area="tenant">
      <AppShell
        area="tenant"
        nav={[
          { href: base, label: 'My account', exact: true },
          { href: '/playground', label: 'Playground' },
        ]}
      >
        {children}
      </AppShell>
    </RequireSession>
  );
}
