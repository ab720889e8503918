import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '@/features/session/login-form';

export const metadata: Metadata = { title: 'Log in' };

export default function LoginPage() {
  return (
    <main className="standalone">
      <Suspense>
        <LoginForm />
      </Suspense>
    </main>
  );
}
