import type { Metadata } from 'next';
import { TenantDetail } from '@/features/tenants/tenant-detail';

export const metadata: Metadata = { title: 'My account' };

export default async function TenantHomePage({ params }: { params: Promise<{ tenantId: string }> }) {
  const { tenantId } = await params;
  return <TenantDetail id={decodeURIComponent(tenantId)} />;
}
