import type { Metadata } from 'next';
import { PlanDetail } from '@/features/plans/plan-detail';

export const metadata: Metadata = { title: 'Plan' };

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PlanDetail id={decodeURIComponent(id)} />;
}
