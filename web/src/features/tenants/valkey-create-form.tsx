'use client';
// A new Valkey instance of the tenant: memory limit and eviction policy. userErrors appear next
// to their fields and nothing is created; on success the row is in the table at once, PENDING.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { CreateValkeyInstanceDocument } from '@/generated/graphql';
import { appendToList } from '@/lib/cache-lists';
import { useMutationForm } from '@/lib/use-form';
import { VALKEY_SETTINGS_FIELDS, ValkeySettingsFields, valkeySettingsOf } from './valkey-settings-fields';

export function ValkeyCreateForm({ tenantId, onDone }: { tenantId: string; onDone: () => void }) {
  const [create, { loading }] = useMutation(CreateValkeyInstanceDocument);
  const { errors, onSubmit } = useMutationForm(VALKEY_SETTINGS_FIELDS, async (text) => {
    const settings = valkeySettingsOf(text);
    if ('error' in settings) return [settings.error];
    const { data } = await create({
      variables: { input: { tenantId, ...settings } },
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
      <ValkeySettingsFields defaults={{ maxMemoryMb: 64, evictionPolicy: 'NOEVICTION' }} errors={errors.byField} />
      <SubmitRow label="Create instance" busy={loading} onCancel={onDone} />
    </form>
  );
}
