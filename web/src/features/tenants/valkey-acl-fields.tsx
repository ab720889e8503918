// The ACL rules of a Valkey user, set on create and on edit: key patterns, command rules and
// pub/sub channel patterns, one per line, starting from `defaults`.
import { ListField } from '@/components/form-field';
import { listOf } from '@/lib/forms';

type AclField = 'keyPatterns' | 'commands' | 'channels';

const ACL_FIELDS: readonly { name: AclField; label: string; hint: string }[] = [
  {
    name: 'keyPatterns',
    label: 'Key patterns',
    hint: 'Globs of the keys it may touch, one per line, e.g. app:* (letters, digits and : _ * . -).',
  },
  {
    name: 'commands',
    label: 'Command rules',
    hint: 'In order, on top of nothing: +@read, -@dangerous, +get, -flushdb, +client|id. @admin is always denied.',
  },
  {
    name: 'channels',
    label: 'Pub/sub channels',
    hint: 'Channel patterns it may use, one per line; empty for no pub/sub.',
  },
];

export const VALKEY_ACL_FIELDS = ACL_FIELDS.map((field) => field.name);

/** The submitted rules as the API's lists. */
export function valkeyAclOf(text: (name: string) => string): Record<AclField, string[]> {
  return {
    keyPatterns: listOf(text('keyPatterns')),
    channels: listOf(text('channels')),
    commands: listOf(text('commands')),
  };
}

export function ValkeyAclFields({
  defaults,
  errors,
}: {
  defaults: Record<AclField, readonly string[]>;
  errors: Partial<Record<AclField, string>>;
}) {
  return (
    <>
      {ACL_FIELDS.map((field) => (
        <ListField key={field.name} {...field} defaultValue={defaults[field.name]} error={errors[field.name]} />
      ))}
    </>
  );
}
