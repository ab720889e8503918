// The web and load-balancer side of the node agent, for the agent's wiring (index.ts, worker.ts,
// config.ts). Specs, validators and activity interfaces are @hostplane/contract/webroots'.
export { createWebActivities, type WebActivityDeps } from './activities.js';
export { createLbActivities, type LbActivityDeps } from '../haproxy/activities.js';
export { WebNodeManager, type WebNodeDeps, type WebNodeOptions } from './manager.js';
export { LoadBalancerManager, type HaproxyOptions } from '../haproxy/manager.js';
export type { NginxOptions } from '../nginx/apply.js';
export type { PhpFpmOptions } from '../php-fpm/apply.js';
export type { AppOptions } from '../apps/apply.js';
export type { SupervisorOptions } from '../supervisor/client.js';
export { WebError } from './errors.js';

/**
 * Parses `8.2=/usr/sbin/php-fpm8.2,8.3=/usr/sbin/php-fpm8.3` (the shape of the version-map
 * environment variables) into `{ '8.2': '/usr/sbin/php-fpm8.2', … }`.
 */
export function parseVersionMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [version, value] = item.split('=');
    if (!version || !value || !/^[0-9.]+$/.test(version) || !value.startsWith('/')) {
      throw new Error(`"${item}" is not version=/absolute/path`);
    }
    map[version] = value;
  }
  return map;
}
