'use client';
// A new outbound rule of the tenant: a destination network, what it lets through, optional ports
// and a note. userErrors appear next to their fields and nothing is created; on success the list
// is read again and the rule shows PENDING, its badge moving on live.
import type { EgressProtocol } from '@hostplane/schema-types';
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SelectField, SubmitRow, TextField } from '@/components/form-field';
import { CreateEgressRuleDocument, type UserErrorFieldsFragment } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['cidr', 'protocol', 'portFrom', 'portTo', 'description'] as const;

const PROTOCOLS: readonly { value: EgressProtocol; label: string }[] = [
  { value: 'TCP', label: 'TCP' },
  { value: 'UDP', label: 'UDP' },
  { value: 'ANY', label: 'Any protocol (with ports: TCP and UDP)' },
];

/** A port field's number, null when empty, or the userError of text that is not a whole number. */
function portOf(text: string, field: string): number | null | UserErrorFieldsFragment {
  if (!text) return null;
  const port = Number(text);
  if (Number.isSafeInteger(port)) return port;
  return { field: ['input', field], message: `${field} must be a whole number from 1 to 65535.`, code: 'INVALID' };
}

export function EgressRuleForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateEgressRuleDocument, { refetchQueries: ['TenantEgressRules'] });
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const portFrom = portOf(text('portFrom'), 'portFrom');
    const portTo = portOf(text('portTo'), 'portTo');
    const refused = [portFrom, portTo].filter((p): p is UserErrorFieldsFragment => typeof p === 'object' && p !== null);
    if (refused.length) return refused;
    const { data } = await create({
      variables: {
        input: {
          tenantId,
          cidr: text('cidr'),
          protocol: text('protocol') as EgressProtocol,
          portFrom: portFrom as number | null,
          portTo: portTo as number | null,
          description: text('description') || null,
        },
      },
    });
    if (data?.createEgressRule.egressRule) onDone();
    return data?.createEgressRule.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <p className="muted">
        A tenant without rules may connect anywhere outside the platform. Its first rule turns that into an allowlist:
        its processes then reach only the destinations listed here (and this platform’s own services for it).
      </p>
      <FormErrorList errors={errors.form} />
      <TextField
        name="cidr"
        label="Destination"
        error={errors.byField.cidr}
        placeholder="203.0.113.0/24"
        hint="An IPv4 or IPv6 address or network (CIDR); 0.0.0.0/0 or ::/0 for any address."
      />
      <SelectField
        name="protocol"
        label="Protocol"
        options={PROTOCOLS}
        defaultValue="TCP"
        error={errors.byField.protocol}
      />
      <TextField name="portFrom" label="Port" type="number" error={errors.byField.portFrom} hint="Empty: every port." />
      <TextField
        name="portTo"
        label="Last port of a range"
        type="number"
        error={errors.byField.portTo}
        hint="Empty: the port alone."
      />
      <TextField
        name="description"
        label="Description"
        error={errors.byField.description}
        hint="Optional note, at most 200 characters."
      />
      <SubmitRow label="Add rule" busy={loading} onCancel={onDone} />
    </form>
  );
}
