'use client';
// One tenant: its live status and progress, the failure reason with a retry, its actions, and
// tabs for what it owns. Everything shown comes from the normalized cache, so the badge here,
// in the list and on the dashboard change together when an event arrives.
import { useQuery } from '@apollo/client/react';
import { StatusBadge } from '@/components/status-badge';
import { ProgressSteps } from '@/components/progress-steps';
import { QueryState } from '@/components/query-state';
import { Tabs, type Tab } from '@/components/tabs';
import { useMayCall } from '@/features/session/require-session';
import { TenantDetailDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { EventHistory } from '@/components/event-history';
import { FailurePanel } from '@/components/failure-panel';
import { TenantActions } from './tenant-actions';
import { TenantLabelForm } from './tenant-label-form';
import { TenantDatabases } from './tenant-databases';
import { TenantValkey } from './tenant-valkey';
import { TenantEgressRules } from './tenant-egress-rules';
import { TenantSshKeys } from './tenant-ssh-keys';
import { DnsZones } from '@/features/dns/dns-zones';
import { TenantMail } from '@/features/mail/tenant-mail';
import { TenantWebroots } from './tenant-webroots';
import { useTenantLive } from './use-tenant-live';
import { useRetryTenant } from './use-retry-tenant';
import { TenantUsageCard } from '@/features/plans/tenant-usage-card';

export function TenantDetail({ id, afterDelete }: { id: string; afterDelete?: string }) {
  const mayCall = useMayCall();
  const { data, loading, error } = useQuery(TenantDetailDocument, { variables: { id } });
  const tenant = data?.tenant;
  useTenantLive(id, tenant?.events[0]?.cursor, Boolean(tenant));
  const retry = useRetryTenant(id);

  const state = <QueryState loading={loading} error={error} hasData={Boolean(tenant)} what="tenant" />;
  if (!tenant) return state;

  const tabs: Tab[] = [
    { id: 'progress', label: 'Progress', content: () => <ProgressSteps events={tenant.events} /> },
    {
      id: 'details',
      label: 'Details',
      content: () => (
        <dl className="facts">
          <dt>System name</dt>
          <dd>
            <code>{tenant.name}</code>
          </dd>
          <dt>Linux UID</dt>
          <dd>{tenant.uid}</dd>
          <dt>Brand</dt>
          <dd>{tenant.brand.name}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(tenant.createdAt)}</dd>
          <dt>Updated</dt>
          <dd>{formatDateTime(tenant.updatedAt)}</dd>
          {tenant.suspendReason ? (
            <>
              <dt>Suspension reason</dt>
              <dd>{tenant.suspendReason}</dd>
            </>
          ) : null}
        </dl>
      ),
    },
    ...(mayCall('webroots')
      ? [{ id: 'webroots', label: 'Webroots', content: () => <TenantWebroots tenantId={id} /> }]
      : []),
    ...(mayCall('databases')
      ? [{ id: 'databases', label: 'Databases', content: () => <TenantDatabases tenantId={id} /> }]
      : []),
    ...(mayCall('valkeyInstances')
      ? [{ id: 'valkey', label: 'Valkey', content: () => <TenantValkey tenantId={id} /> }]
      : []),
    ...(mayCall('egressRule')
      ? [{ id: 'outbound', label: 'Outbound rules', content: () => <TenantEgressRules tenantId={id} /> }]
      : []),
    ...(mayCall('sshKey') ? [{ id: 'ssh', label: 'SSH keys', content: () => <TenantSshKeys tenantId={id} /> }] : []),
    ...(mayCall('dnsZone') ? [{ id: 'dns', label: 'DNS', content: () => <DnsZones owner={{ tenantId: id }} /> }] : []),
    ...(mayCall('mailDomain') ? [{ id: 'mail', label: 'Mail', content: () => <TenantMail tenantId={id} /> }] : []),
    { id: 'events', label: 'Event history', content: () => <EventHistory events={tenant.events} /> },
  ];

  return (
    <article aria-labelledby="tenant-title" className="detail">
      <header className="page-header">
        <div>
          <h1 id="tenant-title">{tenant.displayName ?? tenant.name}</h1>
          <p className="muted">
            <code>{tenant.name}</code> · {tenant.brand.name}
          </p>
        </div>
        <StatusBadge status={tenant.status} label="Tenant status" />
      </header>
      {tenant.status === 'FAILED' ? (
        <FailurePanel
          message={tenant.statusMessage}
          onRetry={tenant.viewerCan.retry ? retry.run : undefined}
          busy={retry.busy}
          error={retry.error}
        />
      ) : null}
      {tenant.viewerCan.update || tenant.viewerCan.suspend || tenant.viewerCan.delete ? (
        <section className="panel" aria-label="Manage tenant">
          {tenant.viewerCan.update ? <TenantLabelForm id={tenant.id} displayName={tenant.displayName} /> : null}
          <TenantActions tenant={tenant} afterDelete={afterDelete} />
        </section>
      ) : null}
      <TenantUsageCard tenantId={tenant.id} brandId={tenant.brand.id} />
      <Tabs label="Tenant sections" tabs={tabs} />
    </article>
  );
}
