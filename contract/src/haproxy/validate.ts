/**
 * Pure validation of load-balancer specs (the control plane reuses it for userErrors). No Node
 * built-ins: workflows may import it.
 */
import type { FqdnMapping, LbBackendSpec, LbSpec } from '../webroots/spec.js';
import { serverNameProblem } from '../webroots/validate.js';
import { isRecord, type ValidationIssue } from '../webroots/validation-issue.js';

/** Backend names: they end up in haproxy.cfg and as map values. */
export const BACKEND_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
/** The backend unknown hosts go to; not available to shards. */
export const DEFAULT_BACKEND = 'be_default';
const SERVER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
// host:port with an IPv4 address, a DNS name, or an IPv6 address in brackets.
const ADDRESS = /^(?:(?:\d{1,3}\.){3}\d{1,3}|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-fA-F:.]+\]):\d{1,5}$/;

/** Why `entry` cannot go into the FQDN → backend map, or null. */
export function mappingProblem(entry: unknown): string | null {
  if (!isRecord(entry)) return 'must be an object';
  const problem = serverNameProblem(entry.fqdn);
  if (problem) return `fqdn ${problem}`;
  // The map is an exact-match lookup of the Host header: a wildcard would never match.
  if (String(entry.fqdn).startsWith('*.'))
    return `fqdn ${String(entry.fqdn)}: wildcards cannot be routed by the load balancer`;
  const backend = String(entry.backend);
  if (!BACKEND_NAME_PATTERN.test(backend) || backend === DEFAULT_BACKEND)
    return `backend "${backend}" is not a shard backend name`;
  return null;
}

/** Checks a list of mappings; a FQDN may appear once. */
export function validateMappings(entries: unknown): ValidationIssue[] {
  if (!Array.isArray(entries)) return [{ field: 'entries', message: 'must be an array' }];
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: unknown, i) => {
    const problem = mappingProblem(entry);
    if (problem) return issues.push({ field: `entries.${i}`, message: problem });
    const fqdn = (entry as FqdnMapping).fqdn;
    if (seen.has(fqdn)) issues.push({ field: `entries.${i}`, message: `${fqdn} is listed twice` });
    seen.add(fqdn);
  });
  return issues;
}

function backendIssues(backend: unknown, i: number): ValidationIssue[] {
  const field = `backends.${i}`;
  if (!isRecord(backend)) return [{ field, message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  const name = String(backend.name);
  if (!BACKEND_NAME_PATTERN.test(name) || name === DEFAULT_BACKEND) {
    issues.push({ field: `${field}.name`, message: `"${name}" is not a valid backend name` });
  }
  if (!Array.isArray(backend.servers)) return [...issues, { field: `${field}.servers`, message: 'must be an array' }];
  const names = new Set<string>();
  backend.servers.forEach((server: unknown, j) => {
    const s = isRecord(server) ? server : {};
    const at = `${field}.servers.${j}`;
    if (!SERVER_NAME.test(String(s.name)) || names.has(String(s.name)))
      issues.push({ field: `${at}.name`, message: 'must be a unique name of [A-Za-z0-9_.-]' });
    const port = Number(String(s.address).split(':').at(-1));
    if (!ADDRESS.test(String(s.address)) || port < 1 || port > 65535)
      issues.push({ field: `${at}.address`, message: 'must be host:port' });
    names.add(String(s.name));
  });
  return issues;
}

/** Checks a load balancer's full spec: backends, mappings, and that every mapping's backend exists. */
export function validateLbSpec(spec: unknown): ValidationIssue[] {
  if (!isRecord(spec) || !Array.isArray(spec.backends)) return [{ field: 'backends', message: 'must be an array' }];
  const issues = spec.backends.flatMap((b: unknown, i) => backendIssues(b, i));
  const names = (spec.backends as LbBackendSpec[]).map((b) => b?.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) issues.push({ field: `backends.${i}.name`, message: `${name} is listed twice` });
  });
  issues.push(...validateMappings(spec.entries));
  if (issues.length === 0) {
    (spec as unknown as LbSpec).entries.forEach((e, i) => {
      if (!names.includes(e.backend))
        issues.push({
          field: `entries.${i}.backend`,
          message: `backend ${e.backend} is not defined`,
        });
    });
  }
  return issues;
}
