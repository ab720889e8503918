import type { Metadata } from 'next';
import { PlanForm } from '@/features/plans/plan-form';

export const metadata: Metadata = { title: 'New plan' };

export default function NewPlanPage() {
  return <PlanForm />;
}
