import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AdminTenantList } from '@/features/tenants/admin-tenant-pages';

export const metadata: Metadata = { title: 'Tenants' };

export default function TenantsPage() {
  return (
    <Suspense>
      <AdminTenantList />
    </Suspense>
  );
}
