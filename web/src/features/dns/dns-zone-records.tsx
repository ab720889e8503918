'use client';
// One zone's records: name, type, TTL and the data served, managed ones marked (they follow
// their source: the tenant cannot delete them), live badges, Retry on FAILED ones and Delete
// behind a confirmation; with dns:write an Add record form.
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import { DeleteDnsRecordDocument, DnsZoneRecordsDocument, RetryDnsRecordDocument } from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { DnsRecordForm } from './dns-record-form';

export function DnsZoneRecords({ zoneId }: { zoneId: string }) {
  const mayCall = useMayCall();
  const { data, loading, error, refetch } = useQuery(DnsZoneRecordsDocument, { variables: { id: zoneId } });
  const [retry, retrying] = useMutation(RetryDnsRecordDocument);
  const [remove] = useMutation(DeleteDnsRecordDocument);
  useRefetchOn((e) => e.resourceType === 'DnsRecord' && changesMembership(e), refetch);
  const records = data?.dnsZone.records.edges
    .map(({ node }) => ({
      ...node,
      viewerCan: { ...node.viewerCan, update: false, delete: node.viewerCan.delete && !node.managed },
    }))
    .filter((r) => r.status !== 'DELETED');
  if (!data || !records) return <QueryState loading={loading} error={error} hasData={false} what="records" />;
  return (
    <section aria-label={`Records of ${data.dnsZone.name}`}>
      {mayCall('createDnsRecord') ? (
        <div className="toolbar">
          <FormDialog label="Add record" title={`Add a record to ${data.dnsZone.name}`}>
            {(close) => <DnsRecordForm zoneId={zoneId} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      <ResourceTable
        label={`Records of ${data.dnsZone.name}`}
        rows={records.map((r) => ({ ...r, name: `${r.name} ${r.type}` }))}
        columns={[
          { header: 'TTL', cell: (r) => String(r.ttl) },
          { header: 'Data', cell: (r) => <code>{r.content}</code> },
          { header: 'Managed', cell: (r) => (r.managed ? `by the platform (${r.sourceType ?? 'auto'})` : '') },
        ]}
        onRetry={(r) => void retry({ variables: { input: { id: r.id } } })}
        retrying={retrying.loading}
        actions={(r) =>
          r.status === 'DELETING' || !r.viewerCan.delete ? null : (
            <ConfirmButton
              label="Delete"
              name={`Delete record ${r.name}`}
              title={`Delete the record ${r.name}?`}
              confirmLabel="Delete record"
              run={async () => {
                const { data: result } = await remove({ variables: { input: { id: r.id } } });
                return result?.deleteDnsRecord.userErrors ?? [];
              }}
            >
              <p>The name servers stop answering it.</p>
            </ConfirmButton>
          )
        }
      />
    </section>
  );
}
