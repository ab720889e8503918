import type { Metadata } from 'next';
import { BrandDetail } from '@/features/brands/brand-detail';

export const metadata: Metadata = { title: 'Brand' };

export default async function BrandPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <BrandDetail id={decodeURIComponent(id)} />;
}
