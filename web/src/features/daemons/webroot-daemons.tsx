'use client';
// A webroot's daemons: each with its command, processes and proxy path and a live badge; Retry on
// FAILED ones, Stop/Start, the log tail, and Delete behind a confirmation where the daemon's
// viewerCan allows it; with daemons:write the dialog also adds daemons.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteDaemonDocument,
  DisableDaemonDocument,
  EnableDaemonDocument,
  RetryDaemonDocument,
  WebrootDaemonsDocument,
} from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { DaemonForm } from './daemon-form';
import { DaemonLog } from './daemon-log';

export function WebrootDaemons({ webrootId, tenantId }: { webrootId: string; tenantId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(WebrootDaemonsDocument, { variables: { webrootId } });
  const [retry, retrying] = useMutation(RetryDaemonDocument);
  const [remove] = useMutation(DeleteDaemonDocument);
  const [enable] = useMutation(EnableDaemonDocument);
  const [disable] = useMutation(DisableDaemonDocument);
  useRefetchOn((e) => e.resourceType === 'Daemon' && e.tenantId === tenantId && changesMembership(e), refetch);
  const daemons = data?.webroot.daemons.edges.map(({ node }) => node).filter((d) => d.status !== 'DELETED');
  if (!daemons) return <QueryState loading={loading} error={error} hasData={false} what="daemons" />;
  return (
    <div>
      {mayCall('createDaemon') ? (
        <div className="toolbar">
          <FormDialog label="New daemon" title="New daemon" primary>
            {(close) => <DaemonForm webrootId={webrootId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {daemons.length ? (
        <ResourceTable
          label="Daemons"
          rows={daemons}
          columns={[
            { header: 'Command', cell: (d) => <code>{d.command.join(' ')}</code> },
            { header: 'Processes', cell: (d) => String(d.processes) },
            { header: 'Proxy path', cell: (d) => (d.proxyPath ? <code>{d.proxyPath}</code> : '') },
            { header: 'Running', cell: (d) => (d.enabled ? 'enabled' : 'stopped') },
          ]}
          onRetry={(d) => void retry({ variables: { input: { id: d.id } } })}
          retrying={retrying.loading}
          actions={(d) =>
            d.status === 'DELETING' ? null : (
              <>
                <FormDialog label="Log" name={`Log of ${d.name}`} title={`Log of ${d.name}`}>
                  {(close) => <DaemonLog daemonId={d.id} name={d.name} onClose={close} />}
                </FormDialog>
                {d.viewerCan.update ? (
                  <button
                    type="button"
                    aria-label={`${d.enabled ? 'Stop' : 'Start'} ${d.name}`}
                    onClick={() => void (d.enabled ? disable : enable)({ variables: { input: { id: d.id } } })}
                  >
                    {d.enabled ? 'Stop' : 'Start'}
                  </button>
                ) : null}
                {d.viewerCan.delete ? (
                  <ConfirmButton
                    label="Delete"
                    name={`Delete ${d.name}`}
                    title={`Delete daemon ${d.name}?`}
                    confirmLabel="Delete daemon"
                    run={async () => {
                      const { data: result } = await remove({ variables: { input: { id: d.id } } });
                      return result?.deleteDaemon.userErrors ?? [];
                    }}
                  >
                    <p>Its processes are stopped on every node and its proxy path goes back to the site.</p>
                  </ConfirmButton>
                ) : null}
              </>
            )
          }
        />
      ) : (
        <p className="muted">No daemons.</p>
      )}
    </div>
  );
}
