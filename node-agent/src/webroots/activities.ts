import type { Logger } from 'pino';
import { reconcile, type ReconcileOptions } from '../reconcile.js';
import type { WebNodeManager } from './manager.js';
import type { NodeWebReport, NodeWebSpec, WebActivities, WebrootSpec } from '@hostplane/contract/webroots';

/**
 * Web activities log their subject (names and counts, never spec contents) without the result's
 * `changed`. A WebError fails for good (the workflow shows it as the resource's statusMessage);
 * anything else is retried (a daemon slow to answer, a tenant account being created right now).
 */
const WEB_RECONCILE: ReconcileOptions = { logChanged: false };

export interface WebActivityDeps {
  web: WebNodeManager;
  logger: Logger;
}

/** Web-node activities (task queue `node-<id>` of a web node); each is an idempotent ensure. */
export function createWebActivities(deps: WebActivityDeps): WebActivities {
  const { web, logger } = deps;
  return {
    /** The webroot's folder, php-fpm pool or app program, and nginx server block, live as specified. */
    ensureWebroot: (spec: WebrootSpec): Promise<{ changed: boolean }> =>
      reconcile(logger, 'ensureWebroot', { webroot: spec?.name }, () => web.ensureWebroot(spec), WEB_RECONCILE),
    /** Removes the webroot's server block, pool, program and folder (with the tenant's files in it). */
    removeWebroot: (input: { name: string; tenant: string }): Promise<{ changed: boolean }> =>
      reconcile(logger, 'removeWebroot', { webroot: input.name }, () => web.removeWebroot(input), WEB_RECONCILE),
    /**
     * Rebuilds the node's whole web state; never throws for a bad webroot: each one's outcome
     * is in the report.
     */
    convergeWebNode: (spec: NodeWebSpec): Promise<NodeWebReport> =>
      reconcile(
        logger,
        'convergeWebNode',
        { webroots: spec.webroots.length },
        async () => {
          const report = await web.convergeNode(spec);
          const failed = report.webroots.filter((w) => !w.ok).map((w) => w.name);
          if (failed.length > 0) logger.warn({ action: 'convergeWebNode', failed }, 'webroots left out');
          return report;
        },
        WEB_RECONCILE,
      ),
  };
}
