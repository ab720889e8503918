import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Playground } from '@/features/playground/playground';

export const metadata: Metadata = { title: 'Playground' };

export default function PlaygroundPage() {
  return (
    <Suspense>
      <Playground />
    </Suspense>
  );
}
