import type { Metadata } from 'next';
import { BrandForm } from '@/features/brands/brand-form';

export const metadata: Metadata = { title: 'New brand' };

export default function NewBrandPage() {
  return <BrandForm />;
}
