/**
 * Audit entries keep the input minus anything secret. Matching is by field name, recursively,
 * so a new `password` field anywhere is redacted without touching this list.
 */
const SECRET_FIELD = /(password|passphrase|secret|token|private_?key|api_?key$|^key$|credential)/i;

export const REDACTED = '[REDACTED]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? REDACTED : redactSecrets(v)]),
    );
  }
  return value;
}
