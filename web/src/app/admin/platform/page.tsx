import type { Metadata } from 'next';
import { PlatformSettings } from '@/features/platform/platform-settings';

export const metadata: Metadata = { title: 'Platform' };

export default function Page() {
  return <PlatformSettings />;
}
