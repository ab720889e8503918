'use client';
// The tenant's mail: its mail domains with live badges; a domain opens the DNS records the
// platform keeps for it (MX, SPF, DKIM, DMARC), its mailboxes (quota, forward, auto-reply) and
// aliases, each with Delete behind a confirmation. With mail:write the tab also adds them, and
// edits a mailbox's forward and auto-reply.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteMailAliasDocument,
  DeleteMailboxDocument,
  DeleteMailDomainDocument,
  MailDomainDetailDocument,
  RetryMailDomainDocument,
  TenantMailDomainsDocument,
} from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { MailAliasForm, MailboxForm, MailDomainForm } from './mail-forms';
import { MailboxRoutingForm } from './mailbox-routing-form';

const MIB = 1024 * 1024;

export function TenantMail({ tenantId }: { tenantId: string }) {
  const mayCall = useMayCall();
  const [open, setOpen] = useState<string | null>(null);
  const { data, loading, error, refetch } = useQuery(TenantMailDomainsDocument, { variables: { tenantId } });
  const [retry, retrying] = useMutation(RetryMailDomainDocument);
  const [remove] = useMutation(DeleteMailDomainDocument);
  useRefetchOn((e) => e.resourceType === 'MailDomain' && e.tenantId === tenantId && changesMembership(e), refetch);
  const domains = data?.tenant.mailDomains.edges.map(({ node }) => node).filter((d) => d.status !== 'DELETED');
  if (!data || !domains) return <QueryState loading={loading} error={error} hasData={false} what="mail domains" />;
  const zones = data.tenant.dnsZones.edges
    .map(({ node }) => node)
    .filter((z) => z.status === 'ACTIVE' && !domains.some((d) => d.name === z.name));
  const opened = domains.find((d) => d.id === open);
  return (
    <div>
      {mayCall('createMailDomain') && zones.length ? (
        <div className="toolbar">
          <FormDialog label="Enable mail" title="Enable mail on a zone" primary>
            {(close) => <MailDomainForm zones={zones} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {domains.length ? (
        <ResourceTable
          label="Mail domains"
          rows={domains}
          columns={[
            { header: 'Catch-all', cell: (d) => d.catchAllTargets.join(', ') || 'none' },
            {
              header: 'Mailboxes',
              cell: (d) => (
                <button type="button" onClick={() => setOpen(open === d.id ? null : d.id)}>
                  {open === d.id ? 'Hide' : 'Show'}
                </button>
              ),
            },
          ]}
          onRetry={(d) => void retry({ variables: { input: { id: d.id } } })}
          retrying={retrying.loading}
          actions={(d) =>
            d.status === 'DELETING' || !d.viewerCan.delete ? null : (
              <ConfirmButton
                label="Disable"
                name={`Disable mail on ${d.name}`}
                title={`Disable mail on ${d.name}?`}
                confirmLabel="Disable mail"
                run={async () => {
                  const { data: result } = await remove({ variables: { input: { id: d.id } } });
                  return result?.deleteMailDomain.userErrors ?? [];
                }}
              >
                <p>Its mailboxes and aliases go at once; stored mail is removed after the grace period.</p>
              </ConfirmButton>
            )
          }
        />
      ) : (
        <p className="muted">No mail domains.</p>
      )}
      {opened && opened.status === 'ACTIVE' ? <MailDomainDetail domainId={opened.id} /> : null}
    </div>
  );
}

function MailDomainDetail({ domainId }: { domainId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(MailDomainDetailDocument, { variables: { id: domainId } });
  const [removeMailbox] = useMutation(DeleteMailboxDocument);
  const [removeAlias] = useMutation(DeleteMailAliasDocument);
  useRefetchOn(
    (e) => (e.resourceType === 'Mailbox' || e.resourceType === 'MailAlias') && changesMembership(e),
    refetch,
  );
  if (!data) return <QueryState loading={loading} error={error} hasData={false} what="mailboxes" />;
  const domain = data.mailDomain;
  const live = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status !== 'DELETED');
  const mailboxes = live(domain.mailboxes.edges.map(({ node }) => ({ ...node, name: node.address })));
  const aliases = live(domain.aliases.edges.map(({ node }) => ({ ...node, name: node.address })));
  return (
    <section aria-label={`Mail of ${domain.name}`}>
      <h3>DNS records kept by the platform</h3>
      <table>
        <tbody>
          {domain.dnsRecords.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>{r.type}</td>
              <td>
                <code>{r.content}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Mailboxes</h3>
      {mayCall('createMailbox') ? (
        <FormDialog label="Add mailbox" title={`Add a mailbox to ${domain.name}`}>
          {(close) => <MailboxForm domainId={domainId} onDone={close} />}
        </FormDialog>
      ) : null}
      <ResourceTable
        label={`Mailboxes of ${domain.name}`}
        rows={mailboxes}
        columns={[
          { header: 'Quota', cell: (m) => `${Math.round(m.quotaBytes / MIB)} MiB` },
          { header: 'Logins', cell: (m) => (m.enabled ? 'on' : 'off') },
          {
            header: 'Forward',
            cell: (m) =>
              m.forwardTo.length ? `${m.forwardTo.join(', ')}${m.forwardKeepCopy ? ' (copy kept)' : ''}` : '',
          },
          { header: 'Auto-reply', cell: (m) => m.autoReply?.subject ?? '' },
        ]}
        actions={(m) =>
          m.status === 'DELETING' ? null : (
            <>
              {m.viewerCan.update ? (
                <FormDialog
                  label="Edit"
                  name={`Edit forward and auto-reply of ${m.address}`}
                  title={`Forward and auto-reply of ${m.address}`}
                >
                  {(close) => <MailboxRoutingForm mailboxId={m.id} onDone={close} />}
                </FormDialog>
              ) : null}
              {m.viewerCan.delete ? (
                <ConfirmButton
                  label="Delete"
                  name={`Delete mailbox ${m.address}`}
                  title={`Delete the mailbox ${m.address}?`}
                  confirmLabel="Delete mailbox"
                  run={async () => {
                    const { data: result } = await removeMailbox({ variables: { input: { id: m.id } } });
                    return result?.deleteMailbox.userErrors ?? [];
                  }}
                >
                  <p>Its logins stop at once; its stored mail is removed after the grace period.</p>
                </ConfirmButton>
              ) : null}
            </>
          )
        }
      />
      <h3>Aliases</h3>
      {mayCall('createMailAlias') ? (
        <FormDialog label="Add alias" title={`Add an alias to ${domain.name}`}>
          {(close) => <MailAliasForm domainId={domainId} onDone={close} />}
        </FormDialog>
      ) : null}
      <ResourceTable
        label={`Aliases of ${domain.name}`}
        rows={aliases}
        columns={[{ header: 'Targets', cell: (a) => a.targets.join(', ') }]}
        actions={(a) =>
          a.status === 'DELETING' || !a.viewerCan.delete ? null : (
            <ConfirmButton
              label="Delete"
              name={`Delete alias ${a.address}`}
              title={`Delete the alias ${a.address}?`}
              confirmLabel="Delete alias"
              run={async () => {
                const { data: result } = await removeAlias({ variables: { input: { id: a.id } } });
                return result?.deleteMailAlias.userErrors ?? [];
              }}
            >
              <p>Mail to it bounces (or goes to the catch-all).</p>
            </ConfirmButton>
          )
        }
      />
    </section>
  );
}
