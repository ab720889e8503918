// The optional new password of an existing database or Valkey user: empty keeps the current one,
// which is stored only hashed and so is never prefilled or shown.
import { TextField } from '@/components/form-field';

export function NewPasswordField({ error }: { error?: string | undefined }) {
  return (
    <TextField
      name="password"
      label="New password"
      type="password"
      error={error}
      hint="Leave empty to keep the current password. Otherwise the same rules as on create: at least 12 characters from three of lowercase, uppercase, digits, others; not containing the user name."
    />
  );
}
