import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Session ended' };

/** Where the panel goes when the API refuses the key: it was revoked, expired or deleted. */
export default function SessionEndedPage() {
  return (
    <main className="standalone">
      <section className="card" aria-labelledby="ended-title">
        <h1 id="ended-title">Your session has ended</h1>
        <p>
          The API no longer accepts the API key you logged in with: it has been <strong>revoked</strong> or has{' '}
          <strong>expired</strong>. You have been logged out, and the key was removed from this browser.
        </p>
        <p>Ask your administrator for a new key if you need one.</p>
        <Link href="/login" className="button primary">
          Log in with another key
        </Link>
      </section>
    </main>
  );
}
