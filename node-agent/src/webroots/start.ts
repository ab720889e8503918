import { access, chmod, mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { createLbActivities } from '../haproxy/activities.js';
import { LoadBalancerManager } from '../haproxy/manager.js';
import { createWebActivities } from './activities.js';
import { webPathsOf, type WebConfig } from './config.js';
import { WebNodeManager } from './manager.js';

/**
 * Builds the web node and load balancer managers of this node and their activities. Services
 * this node already has a config for are brought back (see `resume`); the others come up with
 * the first change or convergence that needs them. `close()` stops them again when the agent
 * owns their lifetime (a state folder: `npm start`, tests), never on a production node.
 */
export async function startWebHosting(config: WebConfig, logger: Logger) {
  const paths = webPathsOf(config);
  if (paths.stateDir) {
    // nginx's workers and the tenants' PHP pools reach sockets and temp files below it.
    await mkdir(paths.stateDir, { recursive: true });
    await chmod(paths.stateDir, 0o755);
  }
  const web = new WebNodeManager(paths.web);
  const lb = new LoadBalancerManager(paths.haproxy);
  logger.info(
    {
      nginxListen: paths.web.nginx.listen,
      haproxyBind: paths.haproxy.bind,
      stateDir: paths.stateDir,
    },
    'web hosting configured',
  );
  await resume(web, lb, logger);
  return {
    activities: { ...createWebActivities({ web, logger }), ...createLbActivities({ lb, logger }) },
    async close(): Promise<void> {
      if (!paths.stopOnExit) return;
      const stops = [lb.stop(), web.nginx.stop(), web.phpFpm.stopAll(), web.supervisor.stop()];
      for (const result of await Promise.allSettled(stops)) {
        if (result.status === 'rejected') logger.warn({ err: result.reason }, 'could not stop a web service');
      }
    },
  };
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/**
 * Brings back the services this node already has a config for (after a reboot, or an agent
 * restart that stopped them): the live configs on disk are the last converged state. A node
 * that never served a site or balanced a host starts nothing (an LB-only node's port 80 stays
 * HAProxy's).
 */
async function resume(web: WebNodeManager, lb: LoadBalancerManager, logger: Logger): Promise<void> {
  const keep = { prune: false as const, remove: new Set<string>() };
  const candidates: Array<[string, string, () => Promise<unknown>]> = [
    ...web.phpFpm.versions.map((v): [string, string, () => Promise<unknown>] => [
      `php-fpm ${v}`,
      web.phpFpm.pools(v).linkPath,
      () => web.phpFpm.apply(v, new Map(), keep, false),
    ]),
    ['apps', web.apps.programs.linkPath, () => web.apps.apply(new Map(), keep)],
    ['nginx', web.nginx.mainConf, () => web.nginx.apply(new Map(), keep, false)],
    ['haproxy', lb.options.configFile, () => lb.setMappings([])],
  ];
  for (const [service, config, run] of candidates) {
    if (!(await exists(config))) continue;
    await run().catch((error: unknown) => logger.error({ service, err: error }, 'could not resume a web service'));
  }
}

/** Every web and load-balancer activity a node runs. */
export type WebHostingActivities = Awaited<ReturnType<typeof startWebHosting>>['activities'];
