'use client';
// A tenant's usage of each counted resource against its plan's limit, on its overview (admin
// and tenant panels alike: Tenant.usage is readable with the tenant). A resource at its limit
// is marked: its next create would be refused (QUOTA_EXCEEDED).
import { useQuery } from '@apollo/client/react';
import { Fragment } from 'react';
import { useMayCall, useViewer } from '@/features/session/require-session';
import { GetTenantUsageDocument } from '@/generated/graphql';
import { PLAN_LIMITS } from './plan-limits';
import { TenantPlanPicker } from './tenant-plan-picker';

export function TenantUsageCard({ tenantId, brandId }: { tenantId: string; brandId: string }) {
  const viewer = useViewer();
  const mayCall = useMayCall();
  // Fetched with the page and again whenever the page is shown: creates elsewhere change it.
  const { data } = useQuery(GetTenantUsageDocument, {
    variables: { id: tenantId },
    fetchPolicy: 'cache-and-network',
  });
  const usage = data?.tenant.usage;
  if (!usage) return null;
  return (
    <section className="card" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      {mayCall('plans') ? (
        <TenantPlanPicker
          tenantId={tenantId}
          brandId={brandId}
          canChange={!viewer.tenantId && mayCall('updateTenant')}
        />
      ) : null}
      <dl className="facts">
        {PLAN_LIMITS.map(({ usage: key, label }) => {
          const { used, limit } = usage[key];
          const full = limit != null && used >= limit;
          return (
            <Fragment key={key}>
              <dt>{label}</dt>
              <dd aria-label={`${label}: ${used} of ${limit ?? 'unlimited'}`}>
                {full ? <strong>{`${used} / ${limit}`}</strong> : `${used} / ${limit ?? '∞'}`}
                {full ? <span className="muted"> (limit reached)</span> : null}
              </dd>
            </Fragment>
          );
        })}
      </dl>
    </section>
  );
}
