import type { Metadata } from 'next';
import { ApiKeyForm } from '@/features/api-keys/api-key-form';

export const metadata: Metadata = { title: 'New API key' };

export default function Page() {
  return <ApiKeyForm />;
}
