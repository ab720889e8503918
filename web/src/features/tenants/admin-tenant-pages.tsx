'use client';
// The admin area's tenant pages; they share the feature components with the tenant area.
import Link from 'next/link';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { TenantCreateForm } from './tenant-create-form';
import { TenantDetail } from './tenant-detail';
import { TenantList } from './tenant-list';
import { useMayCall } from '@/features/session/require-session';

export const adminTenantHref = (id: string) => `/admin/tenants/${encodeURIComponent(id)}`;

export function AdminTenantList() {
  const mayCall = useMayCall();
  const actions = mayCall('createTenant') ? (
    <Link href="/admin/tenants/new" className="button primary">
      New tenant
    </Link>
  ) : null;
  return <TenantList detailHref={adminTenantHref} actions={actions} />;
}

/**
 * The create form; once the tenant exists its page replaces the form in place — the URL
 * becomes the tenant's (history.replaceState, no navigation), and the page renders from the
 * cache at once, so its status is live from PENDING on, with no server round trip between.
 */
export function AdminTenantCreate() {
  const [createdId, setCreatedId] = useState<string | null>(null);
  if (createdId) return <AdminTenantDetail id={createdId} />;
  return (
    <TenantCreateForm
      onCreated={(id) => {
        window.history.replaceState(null, '', adminTenantHref(id));
        // Paint PENDING in this very task, before the socket's next event is handled.
        flushSync(() => setCreatedId(id));
      }}
    />
  );
}

export function AdminTenantDetail({ id }: { id: string }) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/admin/tenants">Tenants</Link>
      </nav>
      <TenantDetail id={id} afterDelete="/admin/tenants" />
    </>
  );
}
