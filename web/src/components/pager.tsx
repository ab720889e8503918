'use client';
import { useCallback, useState } from 'react';

/**
 * Cursor pagination state: the cursors of the pages before this one (a stack), so "Previous"
 * returns to exactly the page that was shown. Changing filters starts again at page one.
 */
export function useCursorPages() {
  const [state, setState] = useState<{ before: (string | null)[]; after: string | null }>({ before: [], after: null });
  const next = useCallback((endCursor: string | null) => {
    if (endCursor) setState((s) => ({ before: [...s.before, s.after], after: endCursor }));
  }, []);
  const previous = useCallback(() => {
    setState((s) => ({ before: s.before.slice(0, -1), after: s.before[s.before.length - 1] ?? null }));
  }, []);
  const reset = useCallback(() => setState({ before: [], after: null }), []);
  return {
    after: state.after,
    page: state.before.length + 1,
    hasPrevious: state.before.length > 0,
    next,
    previous,
    reset,
  };
}

export type CursorPages = ReturnType<typeof useCursorPages>;

/** A Relay connection's page: its edges, total and where it ends. */
export interface Connection {
  edges: readonly unknown[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** "1–25 of 80" and Previous/Next buttons under a list of `connection`. */
export function Pager({
  label,
  pages,
  pageSize,
  connection,
}: {
  label: string;
  pages: CursorPages;
  pageSize: number;
  connection: Connection;
}) {
  const shown = connection.edges.length;
  const first = shown ? (pages.page - 1) * pageSize + 1 : 0;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <span aria-live="polite">
        {first}–{first + Math.max(shown - 1, 0)} of {connection.totalCount}
      </span>
      <button type="button" onClick={pages.previous} disabled={!pages.hasPrevious}>
        Previous page
      </button>
      <button
        type="button"
        onClick={() => pages.next(connection.pageInfo.endCursor)}
        disabled={!connection.pageInfo.hasNextPage}
      >
        Next page
      </button>
    </nav>
  );
}
