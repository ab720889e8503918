import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import { WebError } from './errors.js';
import type { WebNodeManager } from './manager.js';
import type { NodeWebReport, NodeWebSpec, WebrootSpec } from './spec.js';

/**
 * Runs one activity and logs its outcome under `subject` (names only, never spec contents).
 * A WebError becomes a non-retryable ApplicationFailure with its type and message, so the
 * workflow can show it as the resource's statusMessage; anything else is rethrown as is and
 * Temporal retries it (a daemon slow to answer, a tenant account being created right now).
 */
export async function runWebActivity<T>(
  logger: Logger,
  action: string,
  subject: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    const result = await run();
    logger.info({ action, ...subject }, 'reconciled');
    return result;
  } catch (error) {
    logger.warn({ action, ...subject, err: error }, 'reconcile failed');
    if (error instanceof WebError) {
      throw ApplicationFailure.create({
        type: error.type,
        message: error.message,
        nonRetryable: true,
      });
    }
    throw error;
  }
}

export interface WebActivityDeps {
  web: WebNodeManager;
  logger: Logger;
}

/** Web-node activities (task queue `node-<id>` of a web node); each is an idempotent ensure. */
export function createWebActivities(deps: WebActivityDeps) {
  const { web, logger } = deps;
  return {
    /** The webroot's folder, php-fpm pool or app program, and nginx server block, live as specified. */
    ensureWebroot: (spec: WebrootSpec): Promise<{ changed: boolean }> =>
      runWebActivity(logger, 'ensureWebroot', { webroot: spec?.name }, () =>
        web.ensureWebroot(spec),
      ),
    /** Removes the webroot's server block, pool, program and folder (with the tenant's files in it). */
    removeWebroot: (input: { name: string; tenant: string }): Promise<{ changed: boolean }> =>
      runWebActivity(logger, 'removeWebroot', { webroot: input.name }, () =>
        web.removeWebroot(input),
      ),
    /**
     * Rebuilds the node's whole web state; never throws for a bad webroot: each one's outcome
     * is in the report.
     */
    convergeWebNode: (spec: NodeWebSpec): Promise<NodeWebReport> =>
      runWebActivity(logger, 'convergeWebNode', { webroots: spec.webroots.length }, async () => {
        const report = await web.convergeNode(spec);
        const failed = report.webroots.filter((w) => !w.ok).map((w) => w.name);
        if (failed.length > 0)
          logger.warn({ action: 'convergeWebNode', failed }, 'webroots left out');
        return report;
      }),
  };
}

/** The activity interface workflows proxy (`proxyActivities<WebActivities>`). */
export type WebActivities = ReturnType<typeof createWebActivities>;
