// Validation of `runtimeConfig` per runtime. Pure: the control plane runs it for userErrors.
import { phpLimitProblem } from './php-limits.js';
import { APP_RUNTIMES, type AppRuntime, type WebRuntime } from './spec.js';
import { isRecord, printable, type ValidationIssue } from './validation-issue.js';

/**
 * php.ini directives a tenant may not set (php_value or php_admin_value): they would lift the
 * platform's own limits (open_basedir, disable_functions), load native code (extension), run
 * other programs (sendmail_path), pull code from elsewhere (auto_prepend_file,
 * allow_url_include) or reach into the opcode cache that all pools of a master share.
 */
export const PHP_BLOCKED_DIRECTIVES: readonly string[] = [
  'allow_url_include',
  'auto_append_file',
  'auto_prepend_file',
  'disable_classes',
  'disable_functions',
  'enable_dl',
  'extension',
  'extension_dir',
  'mail.force_extra_parameters',
  'mail.log',
  'open_basedir',
  'sendmail_path',
  'sys_temp_dir',
  'upload_tmp_dir',
  'user_ini.filename',
  'zend_extension',
];
const PHP_BLOCKED_PREFIXES = ['opcache.', 'apc.', 'xdebug.', 'ffi.'];
const PHP_KEY = /^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/;
// Rendered unquoted into the pool file: no quotes, `;` (comment), `$` (php-fpm expands ${VAR}),
// backslashes, brackets or control characters. Enough for sizes, paths, bools and E_* masks.
const PHP_VALUE = /^[A-Za-z0-9 _.,:/@+\-*%~|&^!()]*$/;
const MAX_PHP_ENTRIES = 64;
const PM_MODES = ['static', 'dynamic', 'ondemand'] as const;
const MAX_ARGS = 64;
// Control characters would break the supervisord config line the command is rendered into.
const CONTROL = /[\u0000-\u001f\u007f]/;

type Add = (field: string, message: string) => void;

/** Checks `config` as the runtimeConfig of a `runtime` webroot. */
export function validateRuntimeConfig(runtime: WebRuntime, config: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add: Add = (field, message) => issues.push({ field: `runtimeConfig${field}`, message });
  if (!isRecord(config)) {
    add('', 'must be an object');
    return issues;
  }
  if (runtime === 'PHP') checkPhp(config, add);
  else if (APP_RUNTIMES.includes(runtime as AppRuntime)) checkCommand(config.command, add);
  else if (Object.keys(config).length > 0) add('', 'a STATIC webroot takes no settings');
  return issues;
}

function checkPhp(config: Record<string, unknown>, add: Add): void {
  const known = ['processManager', 'phpValues', 'phpAdminValues'];
  for (const key of Object.keys(config)) if (!known.includes(key)) add(`.${key}`, 'is unknown');
  if (config.processManager !== undefined) checkProcessManager(config.processManager, add);
  for (const field of ['phpValues', 'phpAdminValues'] as const) {
    const values = config[field];
    if (values === undefined) continue;
    if (!isRecord(values)) {
      add(`.${field}`, 'must be an object of strings');
      continue;
    }
    const entries = Object.entries(values);
    if (entries.length > MAX_PHP_ENTRIES) add(`.${field}`, `at most ${MAX_PHP_ENTRIES} entries`);
    for (const [key, value] of entries) {
      const problem = phpDirectiveProblem(key, value);
      if (problem) add(`.${field}.${key}`, problem);
    }
  }
}

/** Why `key = value` may not be set for a tenant's pool, or null. */
export function phpDirectiveProblem(key: string, value: unknown): string | null {
  if (!PHP_KEY.test(key) || key.length > 64) return `"${printable(key)}" is not a php.ini directive name`;
  const blocked = PHP_BLOCKED_DIRECTIVES.includes(key) || PHP_BLOCKED_PREFIXES.some((p) => key.startsWith(p));
  if (blocked) return `${key} is managed by the platform and cannot be set`;
  if (typeof value !== 'string') return 'must be a string';
  if (value.length > 512) return 'must be at most 512 characters';
  if (!PHP_VALUE.test(value) || value !== value.trim()) {
    return `"${printable(value)}" contains characters not allowed in a php.ini value (quotes, ;, $, \\, brackets, newlines)`;
  }
  return phpLimitProblem(key, value);
}

function checkProcessManager(pm: unknown, add: Add): void {
  if (!isRecord(pm)) return add('.processManager', 'must be an object');
  const at = (key: string) => `.processManager.${key}`;
  if (!PM_MODES.includes(pm.mode as (typeof PM_MODES)[number])) {
    add(at('mode'), `must be one of ${PM_MODES.join(', ')}`);
  }
  const int = (key: string, min: number, max: number, required = false): number | undefined => {
    const value = pm[key];
    if (value === undefined && !required) return undefined;
    if (!Number.isInteger(value) || Number(value) < min || Number(value) > max) {
      add(at(key), `must be an integer in ${min}..${max}`);
      return undefined;
    }
    return Number(value);
  };
  const max = int('maxChildren', 1, 256, true);
  const start = int('startServers', 1, 256);
  const minSpare = int('minSpareServers', 1, 256);
  const maxSpare = int('maxSpareServers', 1, 256);
  int('idleTimeoutSeconds', 1, 3600);
  int('maxRequests', 0, 1_000_000);
  if (pm.mode === 'dynamic' && max !== undefined) {
    const lo = minSpare ?? 1;
    const hi = maxSpare ?? Math.min(max, 3);
    const st = start ?? lo;
    if (!(lo <= st && st <= hi && hi <= max)) {
      add('.processManager', 'dynamic needs minSpareServers ≤ startServers ≤ maxSpareServers ≤ maxChildren');
    }
  }
}

function checkCommand(command: unknown, add: Add): void {
  if (typeof command === 'string') {
    return add('.command', 'must be an argument array such as ["node", "server.js"], not a shell string');
  }
  if (!Array.isArray(command) || command.length === 0 || command.length > MAX_ARGS) {
    return add('.command', `must be an array of 1..${MAX_ARGS} arguments`);
  }
  command.forEach((arg: unknown, i) => {
    if (typeof arg !== 'string' || arg.length === 0 || arg.length > 4096) {
      add(`.command.${i}`, 'must be a non-empty string of at most 4096 characters');
    } else if (CONTROL.test(arg)) {
      add(`.command.${i}`, `"${printable(arg)}" contains control characters`);
    } else if (arg.includes('{port}')) {
      // Apps get no port any more (another tenant could bind it first): say what replaced it.
      add(
        `.command.${i}`,
        'apps listen on a Unix socket, not a port: use {socket} (gunicorn --bind unix:{socket}, puma --bind unix://{socket}; Node.js listens on process.env.PORT)',
      );
    }
  });
  const program = command[0];
  if (typeof program !== 'string') return;
  if (/\s/.test(program)) {
    add('.command.0', 'the program may not contain spaces: give each argument as its own element');
  } else if (program.startsWith('-')) {
    add('.command.0', 'the program may not start with "-"');
  } else if (!program.startsWith('/') && program.split('/').includes('..')) {
    add('.command.0', 'a relative program path may not leave the webroot');
  }
}
