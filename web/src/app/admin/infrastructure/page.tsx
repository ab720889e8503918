import type { Metadata } from 'next';
import { InfrastructureView } from '@/features/infrastructure/infrastructure-view';

export const metadata: Metadata = { title: 'Infrastructure' };

export default function Page() {
  return <InfrastructureView />;
}
