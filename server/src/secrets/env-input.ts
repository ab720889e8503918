// Checks of a setWebrootEnv input before anything is written: names (reserved ones refused with
// their own code), values (messages never quote a value: it may be a secret), duplicates, limits.
import { envNameProblem, envValueProblem, MAX_ENV_ENTRIES } from '@hostplane/contract/webroots';
import { userError, UserErrorCode, type SetWebrootEnvInput, type UserError } from '@hostplane/schema';

/** One change to a webroot's environment. */
export type EnvChange = { kind: 'variable' | 'secret'; name: string; value: string } | { kind: 'remove'; name: string };

/** The input as a list of changes, or the userErrors that refuse it. */
export function envChangesOf(input: SetWebrootEnvInput): { changes: EnvChange[] } | { userErrors: UserError[] } {
  const errors: UserError[] = [];
  const changes: EnvChange[] = [];
  const seen = new Set<string>();
  const name = (field: string, value: string) => {
    const problem = envNameProblem(value);
    if (problem) {
      const code = problem.includes('reserved') ? UserErrorCode.RESERVED_NAME : UserErrorCode.INVALID;
      errors.push(userError(field, `${value.slice(0, 130)} ${problem}.`, code));
    } else if (seen.has(value)) errors.push(userError(field, `${value} is named twice.`));
    seen.add(value);
  };
  for (const kind of ['variables', 'secrets'] as const) {
    (input[kind] ?? []).forEach((entry, i) => {
      name(`${kind}.${i}.name`, entry.name);
      const problem = envValueProblem(entry.value);
      if (problem) errors.push(userError(`${kind}.${i}.value`, `The value of ${entry.name} ${problem}.`));
      changes.push({ kind: kind === 'variables' ? 'variable' : 'secret', name: entry.name, value: entry.value });
    });
  }
  (input.remove ?? []).forEach((entry, i) => {
    // A name that could never have been set is simply not found: only duplicates are refused here.
    if (seen.has(entry)) errors.push(userError(`remove.${i}`, `${entry} is named twice.`));
    seen.add(entry);
    changes.push({ kind: 'remove', name: entry });
  });
  if (changes.length === 0 && errors.length === 0) {
    errors.push(userError('', 'Nothing to set or remove.', UserErrorCode.REQUIRED));
  }
  if (changes.length > MAX_ENV_ENTRIES) errors.push(userError('', `At most ${MAX_ENV_ENTRIES} variables per webroot.`));
  return errors.length > 0 ? { userErrors: errors } : { changes };
}
