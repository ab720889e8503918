import type { Logger } from 'pino';
import type { DaemonActivities } from '@hostplane/contract/daemons';
import { reconcile } from '../reconcile.js';
import { readDaemonLog } from './log-tail.js';

/** Daemon activities of a web node (their programs go live with the webroot: ensureWebroot). */
export function createDaemonActivities(deps: { logDir: string; logger: Logger }): DaemonActivities {
  return {
    readDaemonLog: (request) =>
      reconcile(
        deps.logger,
        'readDaemonLog',
        { webroot: request.webroot, daemon: request.daemon },
        () => readDaemonLog(deps.logDir, request),
        { logChanged: false },
      ),
  };
}
