import type { Metadata } from 'next';
import { AdminTenantDetail } from '@/features/tenants/admin-tenant-pages';

export const metadata: Metadata = { title: 'Tenant' };

export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AdminTenantDetail id={decodeURIComponent(id)} />;
}
