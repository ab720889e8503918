'use client';
// A new Valkey instance of the tenant: memory limit and eviction policy. userErrors appear next
// to their fields and nothing is created; on success the row is in the table at once, PENDING.
import { useMutation } from '@apollo/client/react';
import type { ValkeyEvictionPolicy } from '@hostplane/schema-types';
import { FormErrorList, SelectField, SubmitRow, TextField } from '@/components/form-field';
import { CreateValkeyInstanceDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { useMutationForm } from '@/lib/use-form';

const FIELDS = ['maxMemoryMb', 'evictionPolicy'] as const;
const POLICIES: readonly { value: ValkeyEvictionPolicy; label: string }[] = [
  { value: 'NOEVICTION', label: 'No eviction (writes fail when full)' },
  { value: 'ALLKEYS_LRU', label: 'All keys, least recently used' },
  { value: 'ALLKEYS_LFU', label: 'All keys, least frequently used' },
  { value: 'ALLKEYS_RANDOM', label: 'All keys, random' },
  { value: 'VOLATILE_LRU', label: 'Keys with a TTL, least recently used' },
  { value: 'VOLATILE_LFU', label: 'Keys with a TTL, least frequently used' },
  { value: 'VOLATILE_RANDOM', label: 'Keys with a TTL, random' },
  { value: 'VOLATILE_TTL', label: 'Keys with a TTL, nearest expiry first' },
];

export function ValkeyCreateForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateValkeyInstanceDocument);
  const { errors, onSubmit } = useMutationForm(FIELDS, async (text) => {
    const maxMemoryMb = Number(text('maxMemoryMb'));
    // The API takes an Int: anything else could not even be sent, so it is refused here, at its field.
    if (!Number.isSafeInteger(maxMemoryMb) || !text('maxMemoryMb')) {
      return [
        { field: ['input', 'maxMemoryMb'], message: 'maxMemoryMb must be a whole number of MiB.', code: 'INVALID' },
      ];
    }
    const { data } = await create({
      variables: {
        input: { tenantId, maxMemoryMb, evictionPolicy: text('evictionPolicy') as ValkeyEvictionPolicy },
      },
      update: (cache, { data: result }) => {
        const instance = result?.createValkeyInstance.valkeyInstance;
        if (instance)
          appendToList(cache, { __typename: 'Tenant', id: tenantId }, 'valkeyInstances', {
            __typename: 'ValkeyInstance',
            id: instance.id,
          });
      },
    });
    if (data?.createValkeyInstance.valkeyInstance) onDone();
    return data?.createValkeyInstance.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <p className="muted">The platform names it (kv_ and ten random characters) and gives it a port.</p>
      <FormErrorList errors={errors.form} />
      <TextField
        name="maxMemoryMb"
        label="Memory limit (MiB)"
        type="number"
        defaultValue="64"
        error={errors.byField.maxMemoryMb}
        hint="At least 1, up to what the shard's nodes have left."
      />
      <SelectField
        name="evictionPolicy"
        label="Eviction policy"
        options={POLICIES}
        defaultValue="NOEVICTION"
        error={errors.byField.evictionPolicy}
        hint="What Valkey does when the limit is reached."
      />
      <SubmitRow label="Create instance" busy={loading}>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </SubmitRow>
    </form>
  );
}
