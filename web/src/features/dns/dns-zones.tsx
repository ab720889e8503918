'use client';
// A tenant's DNS zones (its "DNS" tab) or a brand's own (its page): each with its name servers
// (what the registrar must point at), DNSSEC on or off with the DS to give the registrar, live
// badges, Retry and Delete; a zone opens its records. With dns:write it also adds zones.
import { useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmButton } from '@/components/confirm-button';
import { FormDialog } from '@/components/form-dialog';
import { QueryState } from '@/components/query-state';
import { ResourceTable } from '@/components/resource-table';
import { useMayCall } from '@/features/session/require-session';
import {
  DeleteDnsZoneDocument,
  RetryDnsZoneDocument,
  SetDnsZoneDnssecDocument,
  TenantDnsZonesDocument,
  BrandDnsZonesDocument,
} from '@/generated/graphql';
import { changesMembership, useRefetchOn } from '@/lib/hooks';
import { DnsZoneForm, type DnsZoneOwner } from './dns-zone-form';
import { DnsZoneRecords } from './dns-zone-records';

/** The zones of one owner, and what refetches them. */
function useOwnedZones(owner: DnsZoneOwner) {
  const tenantId = 'tenantId' in owner ? owner.tenantId : null;
  const brandId = 'brandId' in owner ? owner.brandId : null;
  const ofTenant = useQuery(TenantDnsZonesDocument, { variables: { tenantId: tenantId ?? '' }, skip: !tenantId });
  const ofBrand = useQuery(BrandDnsZonesDocument, { variables: { brandId: brandId ?? '' }, skip: !brandId });
  const connection = tenantId ? ofTenant.data?.tenant.dnsZones : ofBrand.data?.brand.dnsZones;
  const { loading, error, refetch } = tenantId ? ofTenant : ofBrand;
  // A brand's own zones' events carry no tenant.
  useRefetchOn((e) => e.resourceType === 'DnsZone' && e.tenantId === tenantId && changesMembership(e), refetch);
  return { zones: connection?.edges.map(({ node }) => node).filter((z) => z.status !== 'DELETED'), loading, error };
}

export function DnsZones({ owner }: { owner: DnsZoneOwner }) {
  const mayCall = useMayCall();
  const [open, setOpen] = useState<string | null>(null);
  const { zones, loading, error } = useOwnedZones(owner);
  const [retry, retrying] = useMutation(RetryDnsZoneDocument);
  const [remove] = useMutation(DeleteDnsZoneDocument);
  const [setDnssec, settingDnssec] = useMutation(SetDnsZoneDnssecDocument);
  if (!zones) return <QueryState loading={loading} error={error} hasData={false} what="DNS zones" />;
  const opened = zones.find((z) => z.id === open);
  return (
    <div>
      {mayCall('createDnsZone') ? (
        <div className="toolbar">
          <FormDialog label="Add zone" title="Host a DNS zone" primary>
            {(close) => <DnsZoneForm owner={owner} onDone={close} />}
          </FormDialog>
        </div>
      ) : null}
      {zones.length ? (
        <ResourceTable
          label="DNS zones"
          rows={zones}
          columns={[
            { header: 'Name servers', cell: (z) => z.nameServers.join(', ') },
            {
              header: 'DNSSEC',
              cell: (z) => (
                <>
                  {z.dnssec ? 'signed' : 'off'}{' '}
                  {z.viewerCan.update ? (
                    <button
                      type="button"
                      disabled={settingDnssec.loading || z.status !== 'ACTIVE'}
                      onClick={() => void setDnssec({ variables: { input: { id: z.id, dnssec: !z.dnssec } } })}
                    >
                      {z.dnssec ? 'Turn off' : 'Sign'}
                    </button>
                  ) : null}
                </>
              ),
            },
            {
              header: 'DS for the registrar',
              cell: (z) =>
                z.dnssecKeys
                  .flatMap((k) => k.ds.filter((ds) => ds.split(' ')[2] === '2'))
                  .map((ds) => <code key={ds}>{ds}</code>),
            },
            {
              header: 'Records',
              cell: (z) => (
                <button type="button" onClick={() => setOpen(open === z.id ? null : z.id)}>
                  {open === z.id ? 'Hide' : 'Show'}
                </button>
              ),
            },
          ]}
          onRetry={(z) => void retry({ variables: { input: { id: z.id } } })}
          retrying={retrying.loading}
          actions={(z) =>
            z.status === 'DELETING' || !z.viewerCan.delete ? null : (
              <ConfirmButton
                label="Delete"
                name={`Delete zone ${z.name}`}
                title={`Stop hosting ${z.name}?`}
                confirmLabel="Delete zone"
                run={async () => {
                  const { data: result } = await remove({ variables: { input: { id: z.id } } });
                  return result?.deleteDnsZone.userErrors ?? [];
                }}
              >
                <p>The name servers stop answering for it and its records are gone.</p>
              </ConfirmButton>
            )
          }
        />
      ) : (
        <p className="muted">No DNS zones hosted here.</p>
      )}
      {opened && opened.status === 'ACTIVE' ? <DnsZoneRecords zoneId={opened.id} /> : null}
    </div>
  );
}
