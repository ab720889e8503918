'use client';
// Counts by type and status, recent failures and recent audit entries. Each card is its own
// query, so a key without one scope loses that card only. Counts refresh on status events.
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { QueryState } from '@/components/query-state';
import { StatusBadge } from '@/components/status-badge';
import { useMayCall } from '@/features/session/require-session';
import { adminTenantHref } from '@/features/tenants/admin-tenant-pages';
import { GetDashboardStatsDocument, FailedTenantsDocument, RecentAuditDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { useRefetchOn } from '@/lib/hooks';
import { RESOURCE_STATUSES } from '@/lib/statuses';

export function Dashboard() {
  const mayCall = useMayCall();
  return (
    <>
      <header className="page-header">
        <h1>Dashboard</h1>
      </header>
      <div className="cards">
        <ResourceCounts />
        {mayCall('tenants') ? <RecentFailures /> : null}
        {mayCall('auditLogs') ? <RecentAudit /> : null}
      </div>
    </>
  );
}

function ResourceCounts() {
  const { data, loading, error, refetch } = useQuery(GetDashboardStatsDocument);
  useRefetchOn((e) => e.kind === 'STATUS' || e.kind === 'CREATED' || e.kind === 'DELETED', refetch);
  const stats = data?.dashboardStats;
  const types = [...new Set(stats?.resourceCounts.map((c) => c.resourceType))].sort();
  const count = (type: string, status: string) =>
    stats?.resourceCounts.find((c) => c.resourceType === type && c.status === status)?.count ?? 0;
  const statuses = RESOURCE_STATUSES.filter((s) => s !== 'DELETED');
  return (
    <section className="card wide" aria-labelledby="counts-title">
      <h2 id="counts-title">Resources by status</h2>
      <QueryState loading={loading} error={error} hasData={Boolean(stats)} what="counts" />
      {stats ? (
        <>
          <p>
            <strong>{stats.brands}</strong> brands
          </p>
          <table className="table compact" aria-labelledby="counts-title">
            <thead>
              <tr>
                <th scope="col">Type</th>
                {statuses.map((s) => (
                  <th scope="col" key={s}>
                    <StatusBadge status={s} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {types.map((type) => (
                <tr key={type}>
                  <th scope="row">{type}</th>
                  {statuses.map((s) => (
                    <td key={s} className={count(type, s) ? 'number' : 'number muted'}>
                      {count(type, s)}
                    </td>
                  ))}
                </tr>
              ))}
              {types.length === 0 ? (
                <tr>
                  <td colSpan={statuses.length + 1} className="muted">
                    Nothing yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

function RecentFailures() {
  const { data, loading, error, refetch } = useQuery(FailedTenantsDocument);
  useRefetchOn((e) => e.resourceType === 'Tenant' && e.kind === 'STATUS', refetch);
  const failed = data?.tenants;
  return (
    <section className="card" aria-labelledby="failures-title">
      <h2 id="failures-title">Recent failures</h2>
      <QueryState loading={loading} error={error} hasData={Boolean(failed)} what="failures" />
      {failed && failed.edges.length === 0 ? <p className="muted">No failed tenants.</p> : null}
      <ul className="plain-list">
        {failed?.edges.map(({ node }) => (
          <li key={node.id}>
            <Link href={adminTenantHref(node.id)}>{node.displayName ?? node.name}</Link>{' '}
            <StatusBadge status={node.status} />
            <p className="failure-message">{node.statusMessage}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecentAudit() {
  const { data, loading, error, refetch } = useQuery(RecentAuditDocument);
  useRefetchOn((e) => e.kind === 'CREATED' || e.kind === 'DELETED', refetch);
  const entries = data?.auditLogs.edges.map((e) => e.node);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Recent audit entries</h2>
      <QueryState loading={loading} error={error} hasData={Boolean(entries)} what="audit log" />
      {entries?.length === 0 ? <p className="muted">No mutations recorded yet.</p> : null}
      <ul className="plain-list">
        {entries?.map((entry) => (
          <li key={entry.id}>
            <code>{entry.operation}</code>{' '}
            <span className={`outcome outcome-${entry.outcome.toLowerCase()}`}>{entry.outcome}</span>
            <br />
            <span className="muted">{formatDateTime(entry.at)}</span>
          </li>
        ))}
      </ul>
      <Link href="/admin/audit">Whole audit log</Link>
    </section>
  );
}
