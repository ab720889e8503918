import Link from 'next/link';

/** What a missing page, or an object the key may not see, shows (the API does not say which). */
export function NotFoundView({ what = 'page', back }: { what?: string; back?: { href: string; label: string } }) {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>This {what} does not exist, or your API key may not see it.</p>
      {back ? <Link href={back.href}>{back.label}</Link> : null}
    </section>
  );
}
