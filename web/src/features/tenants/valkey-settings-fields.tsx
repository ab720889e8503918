// The settings of a Valkey instance, chosen on create and on edit: its memory limit (MiB) and the
// eviction policy applied when the limit is reached.
import type { ValkeyEvictionPolicy } from '@hostplane/schema-types';
import { SelectField, TextField } from '@/components/form-field';
import type { UserErrorFieldsFragment } from '@/generated/graphql';

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

export const VALKEY_SETTINGS_FIELDS = ['maxMemoryMb', 'evictionPolicy'] as const;

/**
 * The submitted settings, or the userError of a memory limit that is not a whole number: the API
 * takes an Int, so anything else could not even be sent and is refused here, at its field.
 */
export function valkeySettingsOf(
  text: (name: string) => string,
): { maxMemoryMb: number; evictionPolicy: ValkeyEvictionPolicy } | { error: UserErrorFieldsFragment } {
  const maxMemoryMb = Number(text('maxMemoryMb'));
  if (!Number.isSafeInteger(maxMemoryMb) || !text('maxMemoryMb')) {
    return {
      error: {
        field: ['input', 'maxMemoryMb'],
        message: 'maxMemoryMb must be a whole number of MiB.',
        code: 'INVALID',
      },
    };
  }
  return { maxMemoryMb, evictionPolicy: text('evictionPolicy') as ValkeyEvictionPolicy };
}

export function ValkeySettingsFields({
  defaults,
  errors,
}: {
  defaults: { maxMemoryMb: number; evictionPolicy: ValkeyEvictionPolicy };
  errors: { maxMemoryMb?: string; evictionPolicy?: string };
}) {
  return (
    <>
      <TextField
        name="maxMemoryMb"
        label="Memory limit (MiB)"
        type="number"
        defaultValue={String(defaults.maxMemoryMb)}
        error={errors.maxMemoryMb}
        hint="At least 1, up to what the shard's nodes have left."
      />
      <SelectField
        name="evictionPolicy"
        label="Eviction policy"
        options={POLICIES}
        defaultValue={defaults.evictionPolicy}
        error={errors.evictionPolicy}
        hint="What Valkey does when the limit is reached."
      />
    </>
  );
}
