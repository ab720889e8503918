'use client';
// A new record of a zone. The fields a type needs (priority for MX and SRV, weight and port for
// SRV, flags and tag for CAA) show by the type chosen; userErrors appear next to their fields and
// nothing is created.
import { useState } from 'react';
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SelectField, SubmitRow, TextField } from '@/components/form-field';
import type { DnsRecordType } from '@hostplane/schema-types';
import { CreateDnsRecordDocument } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['name', 'type', 'ttl', 'value', 'priority', 'weight', 'port', 'flags', 'tag'] as const;
const TYPES: readonly DnsRecordType[] = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SRV', 'CAA', 'NS'];
const VALUE_LABEL: Record<DnsRecordType, string> = {
  A: 'IPv4 address',
  AAAA: 'IPv6 address',
  CNAME: 'Target host name',
  MX: 'Mail server',
  TXT: 'Text',
  SRV: 'Target host name',
  CAA: 'Value (e.g. letsencrypt.org)',
  NS: 'Name server',
};

const numberOrNull = (text: string) => (text.trim() === '' ? null : Number(text));

export function DnsRecordForm({ zoneId, onDone }: { zoneId: string; onDone: () => void }) {
  const [type, setType] = useState<DnsRecordType>('A');
  const [create, { loading }] = useMutation(CreateDnsRecordDocument, { refetchQueries: ['DnsZoneRecords'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const { data } = await create({
      variables: {
        input: {
          zoneId,
          name: text('name'),
          type,
          ttl: numberOrNull(text('ttl')),
          value: text('value'),
          priority: numberOrNull(text('priority')),
          weight: numberOrNull(text('weight')),
          port: numberOrNull(text('port')),
          flags: numberOrNull(text('flags')),
          tag: text('tag') || null,
        },
      },
    });
    if (data?.createDnsRecord.dnsRecord) onDone();
    return data?.createDnsRecord.userErrors ?? [];
  });
  const by = errors.byField;

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <TextField name="name" label="Name" error={by.name} placeholder="www (@ for the zone itself)" />
      <SelectField
        name="type"
        label="Type"
        options={TYPES.map((t) => ({ value: t, label: t }))}
        error={by.type}
        defaultValue="A"
        onChange={(value) => setType(value as DnsRecordType)}
      />
      <TextField name="value" label={VALUE_LABEL[type]} error={by.value} />
      {type === 'MX' || type === 'SRV' ? (
        <TextField name="priority" label="Priority" type="number" error={by.priority} />
      ) : null}
      {type === 'SRV' ? <TextField name="weight" label="Weight" type="number" error={by.weight} /> : null}
      {type === 'SRV' ? <TextField name="port" label="Port" type="number" error={by.port} /> : null}
      {type === 'CAA' ? <TextField name="tag" label="Tag" error={by.tag} placeholder="issue" /> : null}
      {type === 'CAA' ? <TextField name="flags" label="Flags" type="number" error={by.flags} placeholder="0" /> : null}
      <TextField name="ttl" label="TTL (seconds)" type="number" error={by.ttl} placeholder="3600" />
      <SubmitRow label="Add record" busy={loading} onCancel={onDone} />
    </form>
  );
}
