'use client';
// A compact list of a resource's child objects (a database's users, an instance's ACL users):
// name, what the caller adds, the live status, the failure reason with Retry on FAILED ones the key may retry, and
// the caller's actions. DELETED children are left out (the refetch that drops them may lag).
import type { ReactNode } from 'react';
import type { ResourceRow } from './resource-table';
import { StatusBadge } from './status-badge';

export function ResourceList<T extends ResourceRow>({
  label,
  rows,
  detail,
  onRetry,
  retrying = false,
  actions,
  empty,
}: {
  label: string;
  rows: readonly T[];
  detail?: ((row: T) => ReactNode) | undefined;
  onRetry?: ((row: T) => void) | undefined;
  retrying?: boolean;
  actions?: ((row: T) => ReactNode) | undefined;
  empty: string;
}) {
  const shown = rows.filter((row) => row.status !== 'DELETED');
  if (!shown.length) return <span className="muted">{empty}</span>;
  return (
    <ul className="plain-list compact" aria-label={label}>
      {shown.map((row) => (
        <li key={row.id}>
          <code>{row.name}</code> {detail ? <span className="muted">{detail(row)}</span> : null}{' '}
          <StatusBadge status={row.status} /> {actions ? actions(row) : null}
          {row.status === 'FAILED' ? (
            <>
              <p className="failure-message">{row.statusMessage ?? 'No reason was recorded.'}</p>
              {onRetry && row.viewerCan.retry ? (
                <button type="button" disabled={retrying} onClick={() => onRetry(row)} aria-label={`Retry ${row.name}`}>
                  Retry
                </button>
              ) : null}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
