/**
 * A webroot's environment variables and secrets as the node agent delivers them to the running
 * app (supervisord's `environment=`, php-fpm's `env[...]`), and the checks the API runs before
 * storing one and the agent again before rendering it. Pure: workflows may import it.
 */

/** One variable of the app's environment; secrets arrive here already opened by the worker. */
export interface WebrootEnvEntry {
  name: string;
  value: string;
}

/** POSIX-portable names: a letter or `_`, then letters, digits, `_`. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** Names the platform sets itself (its app sockets, the account, the search path): never the tenant's. */
export const RESERVED_ENV_NAMES: ReadonlySet<string> = new Set([
  'HOME',
  'USER',
  'LOGNAME',
  'PATH',
  'PWD',
  'SHELL',
  'PORT',
  'APP_SOCKET',
  'IFS',
  'ENV',
  'BASH_ENV',
]);

/** Prefixes of the loader's, the platform's and supervisord's own variables. */
export const RESERVED_ENV_PREFIXES: readonly string[] = ['LD_', 'HOSTPLANE_', 'SUPERVISOR_'];

/** Longest value accepted (a PEM key fits; a config file does not belong in the environment). */
export const MAX_ENV_VALUE_BYTES = 16 * 1024;

/** Variables and secrets together, per webroot. */
export const MAX_ENV_ENTRIES = 200;

/** Why `name` cannot be a variable's name, or null when it can. */
export function envNameProblem(name: string): string | null {
  if (!ENV_NAME_PATTERN.test(name)) {
    return 'must start with a letter or _ and hold only letters, digits and _ (at most 128)';
  }
  const upper = name.toUpperCase();
  if (RESERVED_ENV_NAMES.has(upper) || RESERVED_ENV_PREFIXES.some((p) => upper.startsWith(p))) {
    return 'is reserved by the platform';
  }
  return null;
}

/**
 * Why `value` cannot be delivered, or null when it can. supervisord reads `environment=` with a
 * non-POSIX shlex (no escapes: a value is quoted with the quote it does not contain, and quote
 * characters at either end are stripped) under an INI parser that ends a value at a line break
 * and cuts it at whitespace + `;` or `#`.
 */
export function envValueProblem(value: string): string | null {
  if (new TextEncoder().encode(value).length > MAX_ENV_VALUE_BYTES) {
    return `is longer than ${MAX_ENV_VALUE_BYTES} bytes`;
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'cannot contain line breaks or other control characters';
  if (value.includes('"') && value.includes("'")) return 'cannot contain both \' and "';
  // supervisord strips every quote character from both ends of a value.
  if (/^['"]|['"]$/.test(value)) return 'cannot start or end with a quote';
  if (/\s[;#]/.test(value)) return 'cannot contain a space followed by ; or #';
  return null;
}

/**
 * A spec's `env` checked entry by entry (the agent never renders an unchecked one). Issues name
 * the variable, never its value: they end up in logs and statuses.
 */
export function envIssues(env: unknown): Array<{ field: string; message: string }> {
  if (env === undefined) return [];
  if (!Array.isArray(env)) return [{ field: 'env', message: 'must be a list' }];
  if (env.length > MAX_ENV_ENTRIES) return [{ field: 'env', message: `holds more than ${MAX_ENV_ENTRIES} entries` }];
  const seen = new Set<string>();
  return env.flatMap((entry: unknown, i) => {
    const { name, value } = (entry ?? {}) as { name?: unknown; value?: unknown };
    if (typeof name !== 'string' || typeof value !== 'string') {
      return [{ field: `env.${i}`, message: 'must be a name and a string value' }];
    }
    const problem = envNameProblem(name) ?? envValueProblem(value) ?? (seen.has(name) ? 'is listed twice' : null);
    seen.add(name);
    return problem ? [{ field: `env.${name}`, message: problem }] : [];
  });
}
