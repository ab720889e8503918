// The privileges a database user holds on its database, chosen on create and on edit.
import type { DatabasePrivileges } from '@hostplane/schema-types';
import { SelectField } from '@/components/form-field';

const PRIVILEGES: readonly { value: DatabasePrivileges; label: string }[] = [
  { value: 'ALL', label: 'All privileges on the database' },
  { value: 'READ_ONLY', label: 'Read only (SELECT, SHOW VIEW)' },
];

export function DatabasePrivilegesField({
  defaultValue,
  error,
}: {
  defaultValue: DatabasePrivileges;
  error?: string | undefined;
}) {
  return (
    <SelectField name="privileges" label="Privileges" options={PRIVILEGES} defaultValue={defaultValue} error={error} />
  );
}
