'use client';
import type { ReactNode } from 'react';
import { AppShell, type NavItem } from '@/components/app-shell';
import { RequireSession, useMayCall, useViewer } from './require-session';

export function AdminShell({ children }: { children: ReactNode }) {
  return (
    <RequireSession area="admin">
      <AdminFrame>{children}</AdminFrame>
    </RequireSession>
  );
}

/** Only what the key may read is in the navigation. */
function AdminFrame({ children }: { children: ReactNode }) {
  const { isPlatformAdmin } = useViewer();
  const mayCall = useMayCall();
  const nav: NavItem[] = [
    { href: '/admin', label: 'Dashboard', exact: true },
    ...(mayCall('tenants') ? [{ href: '/admin/tenants', label: 'Tenants' }] : []),
    { href: '/admin/brands', label: 'Brands' },
    ...(mayCall('plans') ? [{ href: '/admin/plans', label: 'Plans' }] : []),
    ...(mayCall('regions') ? [{ href: '/admin/infrastructure', label: 'Infrastructure' }] : []),
    ...(mayCall('apiKeys') ? [{ href: '/admin/api-keys', label: 'API keys' }] : []),
    ...(mayCall('auditLogs') ? [{ href: '/admin/audit', label: 'Audit log' }] : []),
    ...(isPlatformAdmin || mayCall('platformConfig') ? [{ href: '/admin/platform', label: 'Platform' }] : []),
    { href: '/playground', label: 'Playground' },
  ];
  return (
    <AppShell area="admin" nav={nav}>
      {children}
    </AppShell>
  );
}
