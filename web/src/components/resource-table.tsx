'use client';
// A table of a tenant's async resources (databases, Valkey instances, webroots): name, the
// columns the caller adds, and the status — live from the cache — with the failure reason and
// a Retry button on FAILED rows the key may retry; `actions` adds a last column (create, delete …) when given.
import type { ReactNode } from 'react';
import type { ResourceStatus } from '@hostplane/schema-types';
import { StatusBadge } from './status-badge';

export interface ResourceRow {
  id: string;
  name: string;
  status: ResourceStatus;
  statusMessage: string | null;
  /** What the key may do to it, as the API answers (`viewerCan`): Retry shows only when it may. */
  viewerCan: { update: boolean; delete: boolean; retry: boolean };
}

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

export function ResourceTable<T extends ResourceRow>({
  label,
  rows,
  columns,
  onRetry,
  retrying = false,
  actions,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  onRetry?: ((row: T) => void) | undefined;
  retrying?: boolean;
  actions?: ((row: T) => ReactNode) | undefined;
}) {
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {columns.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
          <th scope="col">Status</th>
          {actions ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>
              <code>{row.name}</code>
            </td>
            {columns.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
            <td className="status">
              <StatusBadge status={row.status} />
              {row.status === 'FAILED' ? (
                <>
                  <p className="failure-message">{row.statusMessage ?? 'No reason was recorded.'}</p>
                  {onRetry && row.viewerCan.retry ? (
                    <button
                      type="button"
                      disabled={retrying}
                      onClick={() => onRetry(row)}
                      aria-label={`Retry ${row.name}`}
                    >
                      Retry
                    </button>
                  ) : null}
                </>
              ) : null}
            </td>
            {actions ? (
              <td>
                <div className="actions">{actions(row)}</div>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
