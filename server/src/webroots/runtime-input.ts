import {
  DEFAULT_APP_COMMANDS,
  documentRootProblem,
  validateRuntimeConfig,
  type AppRuntime,
  type WebRuntime,
} from '@hostplane/contract/webroots';
import { userError, type PhpIniEntryInput, type PhpSettingsInput, type UserError } from '@hostplane/schema';
import type { VersionedRuntime } from '@hostplane/contract/capabilities';
import type { RuntimeOffers } from './runtime-offers.js';

/** The runtime part of a webroot as stored: `runtimeConfig` in the node agent's spec shape. */
export interface RuntimeChoice {
  runtime: WebRuntime;
  runtimeVersion: string;
  runtimeConfig: Record<string, unknown>;
  documentRoot: string;
}

/** The runtime fields of a create or update input (omitted = keep, or default). */
export interface RuntimeInput {
  runtime?: WebRuntime | null;
  runtimeVersion?: string | null;
  phpSettings?: PhpSettingsInput | null;
  appCommand?: string[] | null;
  documentRoot?: string | null;
}

const APP_RUNTIMES: readonly string[] = ['NODE', 'PYTHON', 'RUBY'];

/**
 * Resolves and validates the runtime of a new webroot (`previous` null) or of a changed one,
 * with the node agent's own pure validators, so a value the node would refuse (a blocklisted
 * php_admin_value, a shell string as command, `..` in the document root) is a userError here
 * and never reaches a workflow. The version must be one every node of the tenant's shard has
 * (`offers`, newest first: the default). Switching runtime starts from the new runtime's defaults.
 */
export function resolveRuntime(
  input: RuntimeInput,
  previous: RuntimeChoice | null,
  offers: RuntimeOffers,
): { choice: RuntimeChoice } | { userErrors: UserError[] } {
  const runtime = (input.runtime ?? previous?.runtime ?? 'STATIC') as WebRuntime;
  const same = previous?.runtime === runtime ? previous : null;
  const errors: UserError[] = [];
  const isApp = APP_RUNTIMES.includes(runtime);
  if (input.phpSettings && runtime !== 'PHP')
    errors.push(userError('phpSettings', 'phpSettings apply to PHP webroots only.'));
  if (input.appCommand && !isApp)
    errors.push(userError('appCommand', 'appCommand applies to NODE, PYTHON and RUBY webroots only.'));

  let runtimeVersion = '';
  if (runtime !== 'STATIC') {
    const offered = offers[runtime as VersionedRuntime];
    runtimeVersion = input.runtimeVersion?.trim() || same?.runtimeVersion || (offered[0] ?? '');
    if (!offered.includes(runtimeVersion)) {
      const available = offered.length
        ? `available: ${offered.join(', ')}`
        : `no version of ${runtime} is available on every node of the tenant's shard`;
      errors.push(
        userError('runtimeVersion', `${runtime} ${runtimeVersion || '(none)'} is not available; ${available}.`),
      );
    }
  }

  let runtimeConfig: Record<string, unknown> = {};
  if (runtime === 'PHP') {
    const php = input.phpSettings ? phpConfigOf(input.phpSettings, errors) : (same?.runtimeConfig ?? {});
    runtimeConfig = php;
  } else if (isApp) {
    const command = input.appCommand ??
      (same?.runtimeConfig.command as string[] | undefined) ?? [...DEFAULT_APP_COMMANDS[runtime as AppRuntime]];
    runtimeConfig = { command };
  }
  for (const issue of validateRuntimeConfig(runtime, runtimeConfig))
    errors.push(userError(inputFieldOf(issue.field), issue.message));

  const documentRoot = (input.documentRoot ?? previous?.documentRoot ?? 'public').trim();
  const rootProblem = documentRootProblem(documentRoot);
  if (rootProblem) errors.push(userError('documentRoot', `documentRoot ${rootProblem}.`));
  return errors.length ? { userErrors: errors } : { choice: { runtime, runtimeVersion, runtimeConfig, documentRoot } };
}

/** The GraphQL PHP settings in the spec's shape (lowercase pm mode, php.ini maps). */
function phpConfigOf(settings: PhpSettingsInput, errors: UserError[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const pm = settings.processManager;
  if (pm) {
    const optional = [
      'startServers',
      'minSpareServers',
      'maxSpareServers',
      'idleTimeoutSeconds',
      'maxRequests',
    ] as const;
    config.processManager = {
      mode: pm.mode.toLowerCase(),
      maxChildren: pm.maxChildren,
      ...Object.fromEntries(optional.filter((k) => pm[k] != null).map((k) => [k, pm[k]])),
    };
  }
  for (const field of ['phpValues', 'phpAdminValues'] as const) {
    const list = settings[field];
    if (list) config[field] = iniMap(list, `phpSettings.${field}`, errors);
  }
  return config;
}

function iniMap(entries: PhpIniEntryInput[], field: string, errors: UserError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const { key, value } of entries) {
    if (key in map) errors.push(userError(field, `${key} is given twice.`));
    map[key] = value;
  }
  return map;
}

/** `runtimeConfig.phpAdminValues.x` → `phpSettings.phpAdminValues`; `runtimeConfig.command.0` → `appCommand`. */
function inputFieldOf(specField: string): string {
  const [, part] = specField.split('.');
  if (part === 'command') return 'appCommand';
  if (part === 'processManager' || part === 'phpValues' || part === 'phpAdminValues') return `phpSettings.${part}`;
  return part ? `phpSettings.${part}` : 'phpSettings';
}
