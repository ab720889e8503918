import type { ErrorLike } from '@apollo/client';
import { errorMessage, isNotFound } from '@/lib/errors';
import { NotFoundView } from './not-found-view';

/** Loading and error output shared by every data view; null when there is data to show. */
export function QueryState({
  loading,
  error,
  hasData,
  what,
}: {
  loading: boolean;
  error?: ErrorLike | undefined;
  hasData: boolean;
  what: string;
}) {
  if (hasData && !error) return null;
  if (error && isNotFound(error)) return <NotFoundView what={what} />;
  if (error) {
    return (
      <p role="alert" className="page-error">
        {errorMessage(error)}
      </p>
    );
  }
  if (loading)
    return (
      <p className="waiting" aria-busy="true">
        Loading…
      </p>
    );
  return null;
}
