'use client';
// The plans of the brands the key may see: each limit at a glance (— = unlimited).
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { Pager, useCursorPages } from '@/components/pager';
import { QueryState } from '@/components/query-state';
import { TableHead } from '@/components/table-head';
import { useMayCall } from '@/features/session/require-session';
import { ListPlansDocument, type PlanFieldsFragment } from '@/generated/graphql';
import { PLAN_LIMITS } from './plan-limits';

const PAGE_SIZE = 25;
const limitText = (value: number | null) => (value == null ? '—' : String(value));

export function PlanList() {
  const mayCall = useMayCall();
  const pages = useCursorPages();
  const { data, loading, error } = useQuery(ListPlansDocument, { variables: { first: PAGE_SIZE, after: pages.after } });
  const plans = data?.plans;
  return (
    <section aria-labelledby="plans-title">
      <header className="page-header">
        <h1 id="plans-title">Plans</h1>
        {mayCall('createPlan') ? (
          <Link href="/admin/plans/new" className="button primary">
            New plan
          </Link>
        ) : null}
      </header>
      <p className="muted">What a brand’s tenants may hold; every create past a limit is refused. — is unlimited.</p>
      <QueryState loading={loading} error={error} hasData={Boolean(plans)} what="plan list" />
      {plans ? (
        <>
          <table className="table" aria-labelledby="plans-title">
            <TableHead columns={['Name', 'Brand', ...PLAN_LIMITS.map((l) => l.short)]} />
            <tbody>
              {plans.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link href={`/admin/plans/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                  </td>
                  <td>{node.brand.name}</td>
                  {PLAN_LIMITS.map((l) => (
                    <td key={l.field}>{limitText((node as PlanFieldsFragment)[l.field])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Plan list" pages={pages} pageSize={PAGE_SIZE} connection={plans} />
        </>
      ) : null}
    </section>
  );
}
