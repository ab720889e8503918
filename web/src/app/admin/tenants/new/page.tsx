import type { Metadata } from 'next';
import { AdminTenantCreate } from '@/features/tenants/admin-tenant-pages';

export const metadata: Metadata = { title: 'New tenant' };

export default function NewTenantPage() {
  return <AdminTenantCreate />;
}
