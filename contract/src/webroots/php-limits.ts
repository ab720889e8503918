// Bounds on the php.ini limits a tenant may set for its pool. Pure: the control plane runs it
// (through phpDirectiveProblem) for userErrors, the agent again before rendering.

type Bound = { kind: 'size' | 'integer'; min: number; max: number; unit: string };

const MB = 1024 * 1024;
/**
 * Each limit a tenant may set, with its range. Values that mean "no limit" (`memory_limit = -1`,
 * `max_execution_time = 0`, `post_max_size = 0`) fall outside every range: a pool's workers are
 * shared by every request of the site, and a node by every tenant.
 */
export const PHP_LIMITS: Readonly<Record<string, Bound>> = {
  memory_limit: { kind: 'size', min: 8 * MB, max: 2048 * MB, unit: '8M..2048M' },
  post_max_size: { kind: 'size', min: 1024, max: 1024 * MB, unit: '1K..1024M' },
  upload_max_filesize: { kind: 'size', min: 1024, max: 1024 * MB, unit: '1K..1024M' },
  max_execution_time: { kind: 'integer', min: 1, max: 600, unit: '1..600 seconds' },
  max_input_time: { kind: 'integer', min: 1, max: 600, unit: '1..600 seconds' },
  default_socket_timeout: { kind: 'integer', min: 1, max: 600, unit: '1..600 seconds' },
  max_input_vars: { kind: 'integer', min: 1, max: 100_000, unit: '1..100000' },
  max_input_nesting_level: { kind: 'integer', min: 1, max: 1024, unit: '1..1024' },
  max_file_uploads: { kind: 'integer', min: 1, max: 1000, unit: '1..1000' },
  'pcre.backtrack_limit': { kind: 'integer', min: 1, max: 10_000_000, unit: '1..10000000' },
  'pcre.recursion_limit': { kind: 'integer', min: 1, max: 10_000_000, unit: '1..10000000' },
};

/**
 * Set by the platform as php_admin_value whether or not the tenant gave them, so no script can
 * lift them with ini_set() or set_time_limit(); the tenant's value (either map) wins over these.
 */
export const PHP_PINNED_DEFAULTS: Readonly<Record<string, string>> = {
  memory_limit: '128M',
  max_execution_time: '30',
};

const SIZE = /^([0-9]{1,10})([KMG]?)$/i;
const FACTOR: Record<string, number> = { '': 1, K: 1024, M: MB, G: 1024 * MB };

/** Why `value` is out of bounds for the limit `key`, or null (also for keys that are no limit). */
export function phpLimitProblem(key: string, value: string): string | null {
  const bound = PHP_LIMITS[key];
  if (!bound) return null;
  let amount: number | null = null;
  if (bound.kind === 'integer') amount = /^[0-9]{1,10}$/.test(value) ? Number(value) : null;
  else {
    const match = SIZE.exec(value);
    if (match) amount = Number(match[1]) * FACTOR[match[2]!.toUpperCase()]!;
  }
  if (amount === null || amount < bound.min || amount > bound.max) {
    return `${key} must be ${bound.kind === 'size' ? 'a size in' : 'an integer in'} ${bound.unit} (no unlimited values)`;
  }
  return null;
}
