/**
 * Audit entries keep the input minus anything secret. Matching is by field name, recursively,
 * so a new `password` field anywhere is redacted without touching this list. A `key`/`name` and
 * `value` pair (a php.ini directive, an environment variable) keeps its name, which is not a
 * secret, and loses its value when the name says the value is one (`session.save_path` may carry a
 * password too: so does any name matching SECRET_IN_NAME).
 */
const SECRET_FIELD = /(password|passphrase|secret|token|private_?key|api_?key$|credential)/i;
/** What an entry's name says about its value: SECRET_FIELD, plus auth parts and save paths with their URLs. */
const SECRET_IN_NAME =
  /(password|passphrase|secret|token|private_?key|api_?key|credential|auth|pass$|(^|[._])pw$|save_path)/i;

export const REDACTED = '[REDACTED]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entryName = nameOfEntry(value as Record<string, unknown>);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (SECRET_FIELD.test(k)) return [k, REDACTED];
        if (k === 'value' && entryName !== null && SECRET_IN_NAME.test(entryName)) return [k, REDACTED];
        return [k, redactSecrets(v)];
      }),
    );
  }
  return value;
}

/** The name of a `{ key | name, value }` entry, or null for any other object. */
function nameOfEntry(record: Record<string, unknown>): string | null {
  if (!('value' in record)) return null;
  const name = record.key ?? record.name;
  return typeof name === 'string' ? name : null;
}
