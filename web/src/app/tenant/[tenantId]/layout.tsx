import type { ReactNode } from 'react';
import { TenantShell } from '@/features/session/tenant-shell';

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantId: string }>;
}) {
  const { tenantId } = await params;
  return <TenantShell tenantId={decodeURIComponent(tenantId)}>{children}</TenantShell>;
}
