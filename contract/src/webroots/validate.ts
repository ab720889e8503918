/**
 * Pure validation of webroot specs, shared by the control plane (to answer with userErrors before
 * anything starts) and the node agent (which never renders an unvalidated spec). Inputs are
 * `unknown` because they arrive as JSON. No Node built-ins: workflows may import this file.
 */
import { WEB_RUNTIMES, type WebRuntime } from './spec.js';
import { daemonsIssues } from '../daemons/index.js';
import { envIssues } from './environment.js';
import { validateRuntimeConfig } from './validate-runtime.js';
import { isRecord, printable, type ValidationIssue } from './validation-issue.js';

export { validateRuntimeConfig, PHP_BLOCKED_DIRECTIVES } from './validate-runtime.js';
export { formatIssues, printable, type ValidationIssue } from './validation-issue.js';

export const WEBROOT_NAME_PATTERN = /^web_[a-z0-9]{10}$/;
const TENANT_NAME_PATTERN = /^t_[a-z0-9]{10}$/;
// Labels allow `_`: service hostnames embed the webroot and tenant names (`web_x.t_y.brand`).
const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?';
const SERVER_NAME_PATTERN = new RegExp(`^(?:\\*\\.)?${LABEL}(?:\\.${LABEL})+$`);
const VERSION_PATTERN = /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}$/;
const PATH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;
const MAX_SERVER_NAMES = 1000;
const MIN_UID = 1000;
const MAX_UID = 2 ** 31 - 1;

/**
 * Why `name` cannot be an nginx server_name / HAProxy map key, or null. Lowercase DNS labels
 * (plus `_`), at least two labels, an optional leading `*.`. This is what keeps a directive from
 * being smuggled through a host name: no spaces, `;`, braces, quotes or `$` can pass.
 */
export function serverNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length > 253) return 'must be at most 253 characters';
  if (!SERVER_NAME_PATTERN.test(name)) {
    return `"${printable(name)}" is not a valid lowercase host name`;
  }
  return null;
}

/** Why `root` cannot be a document root (relative, no `..`, plain segments), or null. */
export function documentRootProblem(root: unknown): string | null {
  if (typeof root !== 'string') return 'must be a string';
  if (root === '') return null;
  const segments = root.split('/');
  if (root.length > 255 || segments.length > 8) return 'is too long';
  if (segments.some((s) => !PATH_SEGMENT.test(s) || s === '.' || s === '..')) {
    return 'must be a relative path of letters, digits, ".", "_" and "-" segments';
  }
  return null;
}

/** Checks one webroot spec; an empty list means the node can render it. */
export function validateWebrootSpec(spec: unknown): ValidationIssue[] {
  if (!isRecord(spec)) return [{ field: '', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string | null) => {
    if (message) issues.push({ field, message });
  };
  add('name', WEBROOT_NAME_PATTERN.test(String(spec.name)) ? null : 'must be web_ + 10 [a-z0-9]');
  issues.push(...tenantIssues(spec.tenant));
  const runtime = spec.runtime as WebRuntime;
  if (!WEB_RUNTIMES.includes(runtime)) {
    add('runtime', `must be one of ${WEB_RUNTIMES.join(', ')}`);
    return issues;
  }
  if (runtime !== 'STATIC' && !VERSION_PATTERN.test(String(spec.runtimeVersion))) {
    add('runtimeVersion', 'must be a version such as 8.2 or 20');
  }
  issues.push(...validateRuntimeConfig(runtime, spec.runtimeConfig));
  issues.push(...serverNamesIssues(spec.serverNames));
  add('documentRoot', documentRootProblem(spec.documentRoot));
  issues.push(...envIssues(spec.env));
  issues.push(...daemonsIssues(spec.daemons));
  return issues;
}

function tenantIssues(tenant: unknown): ValidationIssue[] {
  if (!isRecord(tenant)) return [{ field: 'tenant', message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  if (!TENANT_NAME_PATTERN.test(String(tenant.name))) {
    issues.push({ field: 'tenant.name', message: 'must be t_ + 10 [a-z0-9]' });
  }
  const uid = tenant.uid;
  if (!Number.isInteger(uid) || Number(uid) < MIN_UID || Number(uid) > MAX_UID) {
    issues.push({ field: 'tenant.uid', message: `must be an integer in ${MIN_UID}..${MAX_UID}` });
  }
  if (typeof tenant.suspended !== 'boolean') {
    issues.push({ field: 'tenant.suspended', message: 'must be a boolean' });
  }
  return issues;
}

function serverNamesIssues(names: unknown): ValidationIssue[] {
  if (!Array.isArray(names)) return [{ field: 'serverNames', message: 'must be an array' }];
  if (names.length > MAX_SERVER_NAMES) {
    return [{ field: 'serverNames', message: `must have at most ${MAX_SERVER_NAMES} names` }];
  }
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  names.forEach((name, i) => {
    const problem = serverNameProblem(name);
    if (problem) issues.push({ field: `serverNames.${i}`, message: problem });
    else if (seen.has(name as string)) {
      issues.push({ field: `serverNames.${i}`, message: `"${String(name)}" is listed twice` });
    }
    seen.add(name as string);
  });
  return issues;
}

/**
 * Checks a node's full spec: each webroot, plus what only shows across webroots (a name or a
 * server name used twice). Returns issues per webroot name so the others can still go live.
 */
export function validateNodeWebSpec(webroots: readonly unknown[]): Map<string, ValidationIssue[]> {
  const byName = new Map<string, ValidationIssue[]>();
  const owners = new Map<string, string>();
  webroots.forEach((spec, index) => {
    const record = isRecord(spec) ? spec : {};
    const name = typeof record.name === 'string' ? record.name : `#${index}`;
    const issues = validateWebrootSpec(spec);
    if (byName.has(name)) issues.push({ field: 'name', message: `${name} is listed twice` });
    const serverNames = Array.isArray(record.serverNames) ? record.serverNames : [];
    serverNames.forEach((host: unknown, i) => {
      if (typeof host !== 'string') return;
      const owner = owners.get(host);
      if (owner && owner !== name) {
        issues.push({ field: `serverNames.${i}`, message: `${host} is also bound to ${owner}` });
      } else owners.set(host, name);
    });
    byName.set(name, [...(byName.get(name) ?? []), ...issues]);
  });
  return byName;
}
