/** A FAILED resource: why, and a retry button when the key may retry. */
export function FailurePanel({
  message,
  onRetry,
  busy = false,
  error,
}: {
  message: string | null | undefined;
  onRetry?: (() => void) | undefined;
  busy?: boolean;
  error?: string | null;
}) {
  return (
    <section className="failure" role="alert" aria-label="Failure">
      <h2>The last operation failed</h2>
      <p className="failure-message">{message ?? 'No reason was recorded.'}</p>
      {onRetry ? (
        <button type="button" className="primary" onClick={onRetry} disabled={busy}>
          Retry
        </button>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
    </section>
  );
}
