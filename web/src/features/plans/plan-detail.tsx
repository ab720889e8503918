'use client';
import { useMutation, useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/confirm-button';
import { QueryState } from '@/components/query-state';
import { useMayCall } from '@/features/session/require-session';
import { DeletePlanDocument, GetPlanDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { PlanForm } from './plan-form';

export function PlanDetail({ id }: { id: string }) {
  const mayCall = useMayCall();
  const router = useRouter();
  const { data, loading, error } = useQuery(GetPlanDocument, { variables: { id } });
  const [remove] = useMutation(DeletePlanDocument, { refetchQueries: ['ListPlans'] });
  const plan = data?.plan;
  if (!plan) return <QueryState loading={loading} error={error} hasData={false} what="plan" />;

  return (
    <article aria-labelledby="plan-title" className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/admin/plans">Plans</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1 id="plan-title">{plan.name}</h1>
          <p className="muted">
            {plan.brand.name} · created {formatDateTime(plan.createdAt)}
          </p>
        </div>
        {mayCall('deletePlan') ? (
          <ConfirmButton
            label="Delete plan"
            title={`Delete plan ${plan.name}?`}
            confirmLabel="Delete plan"
            run={async () => {
              const { data: result } = await remove({ variables: { input: { id } } });
              const userErrors = result?.deletePlan.userErrors ?? [];
              if (userErrors.length === 0) router.push('/admin/plans');
              return userErrors;
            }}
          >
            <p>Only a plan no tenant is on can be deleted.</p>
          </ConfirmButton>
        ) : null}
      </header>
      {mayCall('updatePlan') ? <PlanForm plan={plan} /> : null}
    </article>
  );
}
