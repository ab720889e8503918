'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { QueryState } from '@/components/query-state';
import { DnsZones } from '@/features/dns/dns-zones';
import { useMayCall } from '@/features/session/require-session';
import { GetBrandDocument, DeleteBrandDocument } from '@/generated/graphql';
import { errorMessage } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { BrandForm } from './brand-form';

export function BrandDetail({ id }: { id: string }) {
  const mayCall = useMayCall();
  const router = useRouter();
  const { data, loading, error } = useQuery(GetBrandDocument, { variables: { id } });
  const [remove, removing] = useMutation(DeleteBrandDocument);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const brand = data?.brand;
  if (!brand) return <QueryState loading={loading} error={error} hasData={false} what="brand" />;

  async function deleteBrand() {
    setProblem(null);
    try {
      const { data: result } = await remove({ variables: { input: { id } } });
      const refused = result?.deleteBrand.userErrors.map((e) => e.message).join(' ');
      if (refused) return setProblem(refused);
      setConfirming(false);
      router.push('/admin/brands');
    } catch (e) {
      setProblem(errorMessage(e as Error));
    }
  }

  return (
    <article aria-labelledby="brand-title" className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/admin/brands">Brands</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="brand-title">{brand.name}</h1>
          <p className="muted">Created {formatDateTime(brand.createdAt)}</p>
        </div>
        {mayCall('deleteBrand') ? (
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            Delete brand
          </button>
        ) : null}
      </header>
      {mayCall('updateBrand') ? <BrandForm brand={brand} /> : null}
      {mayCall('dnsZone') ? (
        <section className="card" aria-labelledby="brand-zones-title">
          <h2 id="brand-zones-title">DNS zones of the brand</h2>
          <p className="muted">
            Zones under the brand’s own host names ({brand.baseHostname} and its reserved suffixes).
          </p>
          <DnsZones owner={{ brandId: id }} />
        </section>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Delete brand ${brand.name}?`}
        confirmLabel="Delete brand"
        danger
        busy={removing.loading}
        onConfirm={() => void deleteBrand()}
        onCancel={() => setConfirming(false)}
      >
        <p>Only a brand without tenants or DNS zones of its own can be deleted.</p>
        {problem ? <p className="field-error">{problem}</p> : null}
      </ConfirmDialog>
    </article>
  );
}
