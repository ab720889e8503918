// The web and load-balancer activities as workflows proxy them (`proxyActivities<WebActivities>`,
// `proxyActivities<LbActivities>`); the node agent's createWebActivities and createLbActivities
// implement them. Types only.
import type { FqdnMapping, LbSpec, NodeWebReport, NodeWebSpec, WebrootSpec } from './spec.js';

/** Web-node activities (task queue `node-<id>` of a web node); each is an idempotent ensure. */
export interface WebActivities {
  /** The webroot's folder, php-fpm pool or app program, and nginx server block, live as specified. */
  ensureWebroot(spec: WebrootSpec): Promise<{ changed: boolean }>;
  /** Removes the webroot's server block, pool, program and folder (with the tenant's files in it). */
  removeWebroot(input: { name: string; tenant: string }): Promise<{ changed: boolean }>;
  /**
   * Rebuilds the node's whole web state; never throws for a bad webroot: each one's outcome is
   * in the report.
   */
  convergeWebNode(spec: NodeWebSpec): Promise<NodeWebReport>;
}

/** What `convergeLb` did. */
export interface LbConvergeResult {
  entries: number;
  /** How the config went live: reloaded, started, or unchanged (map pushed through the runtime API). */
  action: 'reloaded' | 'started' | 'unchanged';
}

/** Load-balancer activities (task queue `node-<id>` of an LB node); each is idempotent. */
export interface LbActivities {
  /** Routes each FQDN to its shard's backend at once (runtime API, no reload) and on disk. */
  setFqdnMappings(input: { entries: FqdnMapping[] }): Promise<{ changed: number }>;
  /** Stops routing the FQDNs; absent ones are fine. */
  removeFqdnMappings(input: { fqdns: string[] }): Promise<{ changed: number }>;
  /** Rebuilds the LB from the full spec: backends (reload only if they changed) and the whole map. */
  convergeLb(spec: LbSpec): Promise<LbConvergeResult>;
}
