// The name and password fields of a new database or Valkey user: both stores take a name that
// is the store's own name or starts with it and `_`, and a strong password that is stored only
// hashed (so it is typed once and never shown back).
import { TextField } from '@/components/form-field';

export function StoreUserCredentials({
  store,
  errors,
}: {
  store: string;
  errors: { name?: string; password?: string };
}) {
  return (
    <>
      <TextField
        name="name"
        label="User name"
        defaultValue={`${store}_`}
        error={errors.name}
        hint={
          <>
            <code>{store}</code> itself, or <code>{store}_</code> followed by 1 to 20 lowercase letters, digits or
            underscores.
          </>
        }
      />
      <TextField
        name="password"
        label="Password"
        type="password"
        error={errors.password}
        hint="At least 12 characters from three of: lowercase, uppercase, digits, others; not containing the user name. Stored only hashed: it cannot be shown again."
      />
    </>
  );
}
