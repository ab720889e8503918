'use client';
// Log in with an API key. The key is tried against the API first; only a key it accepts is
// kept. Admin keys land on the dashboard, tenant-bound keys on their own tenant's pages.
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { SubmitRow, TextField } from '@/components/form-field';
import { errorMessage, isUnauthenticated } from '@/lib/errors';
import { textOf } from '@/lib/forms';
import { homeOf } from './require-session';
import { useSession } from './session-provider';

export function LoginForm() {
  const { login } = useSession();
  const router = useRouter();
  const next = useSearchParams().get('next');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const apiKey = textOf(new FormData(event.currentTarget), 'apiKey');
    if (!apiKey) return setError('Enter an API key.');
    setBusy(true);
    setError(undefined);
    const result = await login(apiKey);
    setBusy(false);
    if ('error' in result) {
      setError(
        isUnauthenticated(result.error)
          ? 'The API does not accept this key: it is wrong, revoked or expired.'
          : errorMessage(result.error),
      );
      return;
    }
    const home = homeOf(result.viewer);
    // Only follow `next` within the key's own area (never to another origin).
    const target =
      next?.startsWith('/') && !next.startsWith('//') && (next.startsWith(home) || next === '/playground')
        ? next
        : home;
    router.replace(target);
  }

  return (
    <form onSubmit={submit} className="card form" aria-labelledby="login-title" noValidate>
      <h1 id="login-title">Log in to Hostplane</h1>
      <p className="muted">Use an API key: an administrator key opens the admin panel, a tenant key its own tenant.</p>
      <TextField name="apiKey" label="API key" error={error} type="password" placeholder="hp_…" />
      <SubmitRow label="Log in" busy={busy} />
    </form>
  );
}
