'use client';
// The tenant's webroots (sites) with their host names; statuses change live. What the key may do
// (creating, binding, deleting, retrying) is the API's answer: `viewer.allowedOperations` and each row's `viewerCan`.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { WebrootDaemons } from '@/features/daemons/webroot-daemons';
import { WebrootCronJobs } from '@/features/cron-jobs/webroot-cron-jobs';
import { useMayCall } from '@/features/session/require-session';
import { DeleteWebrootDocument, RetryWebrootDocument, TenantWebrootsDocument } from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { FqdnBindForm } from './fqdn-bind-form';
import { WebrootCreateForm } from './webroot-create-form';
import { WebrootEnvironment } from './webroot-environment';
import { WebrootHostnames } from './webroot-hostnames';

export function TenantWebroots({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const canBind = mayCall('bindFqdn');
  const { data, loading, error, refetch } = useQuery(TenantWebrootsDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryWebrootDocument);
  const [remove] = useMutation(DeleteWebrootDocument);
  useRefetchOn(
    (e) =>
      (e.resourceType === 'Webroot' || e.resourceType === 'Fqdn') && e.tenantId === tenantId && changesMembership(e),
    refetch,
  );
  const webroots = data?.tenant.webroots.filter((webroot) => webroot.status !== 'DELETED');
  if (!webroots) return <QueryState loading={loading} error={error} hasData={false} what="webroot list" />;
  return (
    <div>
      {mayCall('createWebroot') ? (
        <div className="toolbar">
          <FormDialog label="New webroot" title="New webroot" primary>
            {(close) => <WebrootCreateForm tenantId={tenantId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {webroots.length ? (
        <ResourceTable
          label="Webroots"
          rows={webroots}
          columns={[
            { header: 'Runtime', cell: (w) => `${w.runtime} ${w.runtimeVersion}`.trim() },
            { header: 'Host names', cell: (w) => <WebrootHostnames webroot={w} tenantId={tenantId} /> },
          ]}
          onRetry={(w) => void retry({ variables: { input: { id: w.id } } })}
          retrying={retrying.loading}
          actions={
            canBind || mayCall('deleteWebroot')
              ? (w) =>
                  w.status === 'DELETING' ? null : (
                    <>
                      <FormDialog
                        label="Environment"
                        name={`Environment of ${w.name}`}
                        title={`Environment of ${w.name}`}
                      >
                        {(close) => (
                          <WebrootEnvironment webrootId={w.id} canChange={w.viewerCan.update} onClose={close} />
                        )}
                      </FormDialog>
                      {mayCall('daemon') ? (
                        <FormDialog label="Daemons" name={`Daemons of ${w.name}`} title={`Daemons of ${w.name}`}>
                          {() => <WebrootDaemons webrootId={w.id} tenantId={tenantId} />}
                        </FormDialog>
                      ) : null}
                      {mayCall('cronJob') ? (
                        <FormDialog label="Cron jobs" name={`Cron jobs of ${w.name}`} title={`Cron jobs of ${w.name}`}>
                          {() => <WebrootCronJobs webrootId={w.id} tenantId={tenantId} />}
                        </FormDialog>
                      ) : null}
                      {canBind ? (
                        <FormDialog
                          label="Add host name"
                          name={`Add host name to ${w.name}`}
                          title={`Add a host name to ${w.name}`}
                        >
                          {(close) => <FqdnBindForm webrootId={w.id} onDone={close} />}
                        </FormDialog>
                      ) : null}
                      {w.viewerCan.delete ? (
                        <ConfirmButton
                          label="Delete"
                          name={`Delete ${w.name}`}
                          title={`Delete webroot ${w.name}?`}
                          confirmLabel="Delete webroot"
                          run={async () => {
                            const { data: result } = await remove({ variables: { input: { id: w.id } } });
                            return result?.deleteWebroot.userErrors ?? [];
                          }}
                        >
                          <p>
                            Its files, nginx configuration, runtime and host names are removed from every node and the
                            load balancer. This cannot be undone.
                          </p>
                        </ConfirmButton>
                      ) : null}
                    </>
                  )
              : undefined
          }
        />
      ) : (
        <p className="muted">No webroots.</p>
      )}
    </div>
  );
}
