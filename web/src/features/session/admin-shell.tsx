'use client';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@/components/app-shell';
import { hasScope } from '@/lib/scopes';
import { RequireSession, useViewer } from './require-session';

export function AdminShell({ children }: { children: ReactNode }) {
  return (
    <RequireSession area="admin">
      <AdminFrame>{children}</AdminFrame>
    </RequireSession>
  );
}

/** Only what the key may read is in the navigation. */
function AdminFrame({ children }: { children: ReactNode }) {
  const { scopes, isPlatformAdmin } = useViewer();
  const nav: NavItem[] = [
    { href: '/admin', label: 'Dashboard', exact: true },
    ...(hasScope(scopes, 'tenants:read') ? [{ href: '/admin/tenants', label: 'Tenants' }] : []),
    { href: '/admin/brands', label: 'Brands' },
    ...(hasScope(scopes, 'infrastructure:read') ? [{ href: '/admin/infrastructure', label: 'Infrastructure' }] : []),
    ...(hasScope(scopes, 'api_keys:read') ? [{ href: '/admin/api-keys', label: 'API keys' }] : []),
    ...(hasScope(scopes, 'audit_logs:read') ? [{ href: '/admin/audit', label: 'Audit log' }] : []),
    ...(isPlatformAdmin || hasScope(scopes, 'platform:read') ? [{ href: '/admin/platform', label: 'Platform' }] : []),
    { href: '/playground', label: 'Playground' },
  ];
  return (
    <AppShell area="admin" nav={nav}>
      {children}
    </AppShell>
  );
}
