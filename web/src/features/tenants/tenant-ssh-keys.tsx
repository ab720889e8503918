'use client';
// The tenant's SSH keys: each with its type, size and fingerprint and a live badge, Retry on
// FAILED ones and Delete behind a confirmation where the key's viewerCan allows it; with
// ssh_keys:write the tab also adds keys. Above them, where to log in (node address and port) and
// the host key fingerprints to compare with what the SSH client shows on first connect.
import { Fragment } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteSshKeyDocument,
  RetrySshKeyDocument,
  SetTenantSshAccessDocument,
  TenantSshKeysDocument,
} from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { SshKeyForm } from './ssh-key-form';

export function TenantSshKeys({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(TenantSshKeysDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetrySshKeyDocument);
  const [remove] = useMutation(DeleteSshKeyDocument);
  const [setAccess, settingAccess] = useMutation(SetTenantSshAccessDocument);
  useRefetchOn((e) => e.resourceType === 'SshKey' && e.tenantId === tenantId && changesMembership(e), refetch);
  const keys = data?.tenant.sshKeys.edges
    .map(({ node }) => ({ ...node, viewerCan: { ...node.viewerCan, update: false } }))
    .filter((key) => key.status !== 'DELETED');
  if (!data || !keys) return <QueryState loading={loading} error={error} hasData={false} what="SSH keys" />;
  return (
    <div>
      {mayCall('createSshKey') ? (
        <div className="toolbar">
          <FormDialog label="Add key" title="Add an SSH key" primary>
            {(close) => <SshKeyForm tenantId={tenantId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      <p>
        Access: {data.tenant.sshAccess === 'SFTP_ONLY' ? 'SFTP only, chrooted to the webroots' : 'shell and SFTP'}{' '}
        {mayCall('setTenantSshAccess') ? (
          <button
            type="button"
            disabled={settingAccess.loading}
            onClick={() =>
              void setAccess({
                variables: {
                  input: { tenantId, access: data.tenant.sshAccess === 'SFTP_ONLY' ? 'SHELL' : 'SFTP_ONLY' },
                },
              })
            }
          >
            {data.tenant.sshAccess === 'SFTP_ONLY' ? 'Allow a shell' : 'Make SFTP only'}
          </button>
        ) : null}
      </p>
      {data.tenant.sshEndpoints.length ? (
        <section aria-label="SSH login">
          {data.tenant.sshEndpoints.map((endpoint) => (
            <dl key={`${endpoint.address}:${endpoint.port}`} className="facts">
              <dt>Log in</dt>
              <dd>
                <code>
                  ssh -p {endpoint.port} {endpoint.username}@{endpoint.address}
                </code>
              </dd>
              {endpoint.hostKeys.map((hostKey) => (
                <Fragment key={hostKey.type}>
                  <dt>Host key {hostKey.type}</dt>
                  <dd>
                    <code>{hostKey.fingerprint}</code>
                  </dd>
                </Fragment>
              ))}
            </dl>
          ))}
        </section>
      ) : (
        <p className="muted">The login address and host keys appear once a key has been added.</p>
      )}
      {keys.length ? (
        <ResourceTable
          label="SSH keys"
          rows={keys}
          columns={[
            { header: 'Type', cell: (key) => `${key.keyType} (${key.bits} bits)` },
            { header: 'Fingerprint', cell: (key) => <code>{key.fingerprint}</code> },
            { header: 'Comment', cell: (key) => key.comment ?? '' },
            { header: 'Added', cell: (key) => formatDateTime(key.createdAt) },
          ]}
          onRetry={(key) => void retry({ variables: { input: { id: key.id } } })}
          retrying={retrying.loading}
          actions={(key) =>
            key.status === 'DELETING' || !key.viewerCan.delete ? null : (
              <ConfirmButton
                label="Delete"
                name={`Delete key ${key.name}`}
                title={`Delete the SSH key ${key.name}?`}
                confirmLabel="Delete key"
                run={async () => {
                  const { data: result } = await remove({ variables: { input: { id: key.id } } });
                  return result?.deleteSshKey.userErrors ?? [];
                }}
              >
                <p>It no longer logs in on any node; sessions already open stay open until they end.</p>
              </ConfirmButton>
            )
          }
        />
      ) : (
        <p className="muted">No SSH keys: nobody can log in as this tenant.</p>
      )}
    </div>
  );
}
