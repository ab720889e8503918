// The stored runtimeConfig (the node agent's spec shape: php.ini maps, lowercase pm modes,
// command arrays) as the GraphQL types show it. Pure; the server converts the other way.
import { PhpProcessManagerMode, WebRuntime, type PhpSettings } from './webroot.type.js';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown) =>
  isJson(v) ? Object.entries(v).map(([key, value]) => ({ key, value: String(value) })) : [];
const intOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

/** A PHP webroot's settings; null for other runtimes. */
export function phpSettingsOf(runtime: WebRuntime, config: unknown): PhpSettings | null {
  if (runtime !== WebRuntime.PHP) return null;
  const php = isJson(config) ? config : {};
  const pm = isJson(php.processManager) ? php.processManager : null;
  return {
    processManager: pm
      ? {
          mode: String(pm.mode).toUpperCase() as PhpProcessManagerMode,
          maxChildren: Number(pm.maxChildren),
          startServers: intOrNull(pm.startServers),
          minSpareServers: intOrNull(pm.minSpareServers),
          maxSpareServers: intOrNull(pm.maxSpareServers),
          idleTimeoutSeconds: intOrNull(pm.idleTimeoutSeconds),
          maxRequests: intOrNull(pm.maxRequests),
        }
      : null,
    phpValues: entries(php.phpValues),
    phpAdminValues: entries(php.phpAdminValues),
  };
}

/** An app webroot's command (argument array); null for PHP and STATIC. */
export function appCommandOf(runtime: WebRuntime, config: unknown): string[] | null {
  if (runtime === WebRuntime.PHP || runtime === WebRuntime.STATIC) return null;
  const command = isJson(config) ? config.command : null;
  return Array.isArray(command) ? command.map(String) : null;
}
