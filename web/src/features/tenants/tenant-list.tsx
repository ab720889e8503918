'use client';
// Tenants: search, status filter, sort and cursor pagination. Badges change live (the cache
// is fed by the event stream); a new or deleted tenant refetches the page. The filters live in
// the URL (?q=&status=&sort=&size=), so a filtered list can be linked and bookmarked.
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import type { ResourceStatus, SortDirection, TenantOrderField } from '@hostplane/schema-types';
import { Pager, useCursorPages } from '@/components/pager';
import { QueryState } from '@/components/query-state';
import { StatusBadge } from '@/components/status-badge';
import { TenantListDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useDebounced, useRefetchOn } from '@/lib/hooks';
import { RESOURCE_STATUSES } from '@/lib/statuses';
import { TableHead } from '@/components/table-head';

const SORTS = {
  newest: { field: 'CREATED_AT', direction: 'DESC' },
  oldest: { field: 'CREATED_AT', direction: 'ASC' },
  'name-asc': { field: 'NAME', direction: 'ASC' },
  'name-desc': { field: 'NAME', direction: 'DESC' },
} as const satisfies Record<string, { field: TenantOrderField; direction: SortDirection }>;
type SortKey = keyof typeof SORTS;
const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULTS: Record<string, unknown> = { sort: 'newest', size: 25 };

/** `value` when it is one of `allowed` (URL parameters are user input). */
function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

export function TenantList({ detailHref, actions }: { detailHref: (id: string) => string; actions?: ReactNode }) {
  const params = useSearchParams();
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [status, setStatus] = useState<ResourceStatus | ''>(() => oneOf(params.get('status'), RESOURCE_STATUSES) ?? '');
  const [sort, setSort] = useState<SortKey>(
    () => oneOf(params.get('sort'), Object.keys(SORTS) as SortKey[]) ?? 'newest',
  );
  const [pageSize, setPageSize] = useState<number>(() =>
    Number(oneOf(params.get('size'), PAGE_SIZES.map(String)) ?? 25),
  );
  const pages = useCursorPages();
  const query = useDebounced(search.trim());
  const { data, loading, error, refetch } = useQuery(TenantListDocument, {
    variables: {
      first: pageSize,
      after: pages.after,
      filter: { search: query || null, status: status ? [status] : null },
      orderBy: SORTS[sort],
    },
  });
  useRefetchOn((e) => e.resourceType === 'Tenant' && (e.kind === 'CREATED' || e.kind === 'DELETED'), refetch);
  const change =
    <T,>(set: (value: T) => void, key: string) =>
    (value: T) => {
      set(value);
      pages.reset();
      const next = new URLSearchParams(window.location.search);
      if (value === '' || value === DEFAULTS[key]) next.delete(key);
      else next.set(key, String(value));
      const query = next.toString();
      window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
    };
  const tenants = data?.tenants;

  return (
    <section aria-labelledby="tenants-title">
      <header className="page-header">
        <h1 id="tenants-title">Tenants</h1>
        {actions}
      </header>
      <div className="toolbar" role="search" aria-label="Filter tenants">
        <label>
          Search
          <input
            type="search"
            value={search}
            placeholder="name or label"
            onChange={(e) => change(setSearch, 'q')(e.target.value)}
          />
        </label>
        <label>
          Status
          <select value={status} onChange={(e) => change(setStatus, 'status')(e.target.value as ResourceStatus | '')}>
            <option value="">All but deleted</option>
            {RESOURCE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by
          <select value={sort} onChange={(e) => change(setSort, 'sort')(e.target.value as SortKey)}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="name-asc">Name A–Z</option>
            <option value="name-desc">Name Z–A</option>
          </select>
        </label>
        <label>
          Per page
          <select value={pageSize} onChange={(e) => change(setPageSize, 'size')(Number(e.target.value))}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState loading={loading} error={error} hasData={Boolean(tenants)} what="tenant list" />
      {tenants ? (
        <>
          <table className="table" aria-labelledby="tenants-title" aria-busy={loading}>
            <TableHead columns={['Name', 'Label', 'Brand', 'Status', 'Created']} />
            <tbody>
              {tenants.edges.map(({ node }) => (
                <tr key={node.id} data-tenant-id={node.id}>
                  <td>
                    <Link href={detailHref(node.id)}>{node.name}</Link>
                  </td>
                  <td>{node.displayName ?? <span className="muted">—</span>}</td>
                  <td>{node.brand.name}</td>
                  <td>
                    <StatusBadge status={node.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(node.createdAt)}</td>
                </tr>
              ))}
              {tenants.edges.length === 0 ? (
                <tr>
                  <td colSpan={5} className="muted">
                    No tenants match.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <Pager label="Tenant list" pages={pages} pageSize={pageSize} connection={tenants} />
        </>
      ) : null}
    </section>
  );
}
