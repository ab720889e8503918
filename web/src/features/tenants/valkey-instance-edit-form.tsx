'use client';
// Change a Valkey instance's memory limit and eviction policy, prefilled with the current ones.
// userErrors appear next to their fields and nothing changes; on success the row shows the new
// settings and its badge goes live to ACTIVE again once they are applied.
import { useMutation } from '@apollo/client/react';
import { FormErrorList, SubmitRow } from '@/components/form-field';
import { UpdateValkeyInstanceDocument, type ValkeyRowFragment } from '@/generated/graphql';
import { useMutationForm } from '@/lib/use-form';
import { VALKEY_SETTINGS_FIELDS, ValkeySettingsFields, valkeySettingsOf } from './valkey-settings-fields';

export function ValkeyInstanceEditForm({ instance, onDone }: { instance: ValkeyRowFragment; onDone: () => void }) {
  const [update, { loading }] = useMutation(UpdateValkeyInstanceDocument);
  const { errors, onSubmit } = useMutationForm(VALKEY_SETTINGS_FIELDS, async (text) => {
    const settings = valkeySettingsOf(text);
    if ('error' in settings) return [settings.error];
    const { data } = await update({ variables: { input: { id: instance.id, ...settings } } });
    if (data?.updateValkeyInstance.valkeyInstance) onDone();
    return data?.updateValkeyInstance.userErrors ?? [];
  });

  return (
    <form onSubmit={onSubmit} className="form" noValidate>
      <FormErrorList errors={errors.form} />
      <ValkeySettingsFields defaults={instance} errors={errors.byField} />
      <SubmitRow label="Save changes" busy={loading} onCancel={onDone} />
    </form>
  );
}
