import { access, chmod, mkdir } from 'node:fs/promises';
import type { Logger } from 'pino';
import { CAPABILITY } from '../capabilities/catalog.js';
import { runtimeCapabilityName } from '@hostplane/contract/capabilities';
import { requireCapabilities } from '../capabilities/guard.js';
import type { NodeCapabilities } from '../capabilities/node-capabilities.js';
import { createLbActivities } from '../haproxy/activities.js';
import { createCertificateLbActivities } from '../certificates/activities.js';
import { LoadBalancerManager } from '../haproxy/manager.js';
import { createDaemonActivities } from '../daemons/activities.js';
import { createWebActivities } from './activities.js';
import type { WebPaths } from './config.js';
import { WebNodeManager } from './manager.js';
import type { WebrootSpec } from '@hostplane/contract/webroots';

/**
 * Builds the web node and load balancer managers of this node (`paths`: webPathsOf(config), the
 * same object the capability probe fills the detected Python and Ruby runtimes into) and their
 * activities. Services
 * this node already has a config for are brought back (see `resume`); the others come up with
 * the first change or convergence that needs them. A service whose program is missing is
 * skipped with a warning, resumed once a later probe finds it, and the activities that need it
 * fail with CapabilityMissing meanwhile. `close()` stops the services again when the agent owns
 * their lifetime (a state folder: `npm start`, tests), never on a production node.
 */
export async function startWebHosting(paths: WebPaths, logger: Logger, capabilities: NodeCapabilities) {
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
  const waiting = await resume(resumable(web, lb), capabilities, logger);
  capabilities.onChange(() => void resume(waiting.splice(0), capabilities, logger).then((w) => waiting.push(...w)));
  const activities = {
    ...createWebActivities({ web, logger }),
    ...createLbActivities({ lb, logger }),
    ...createCertificateLbActivities({ lb, logger }),
    ...createDaemonActivities({ logDir: paths.web.apps.logDir, logger }),
  };
  const lbNeeds = { needs: () => [CAPABILITY.haproxy] };
  return {
    activities: requireCapabilities(capabilities, logger, activities, {
      ensureWebroot: { needs: (spec) => webrootNeeds(spec) },
      removeWebroot: { needs: () => [CAPABILITY.nginx] },
      convergeWebNode: { needs: () => [CAPABILITY.nginx, CAPABILITY.setfacl] },
      setFqdnMappings: lbNeeds,
      removeFqdnMappings: lbNeeds,
      convergeLb: lbNeeds,
      installTlsSite: lbNeeds,
      removeTlsSite: lbNeeds,
      setAcmeChallenges: lbNeeds,
      removeAcmeChallenges: lbNeeds,
    }),
    async close(): Promise<void> {
      if (!paths.stopOnExit) return;
      const stops = [lb.stop(), web.nginx.stop(), web.phpFpm.stopAll(), web.supervisor.stop()];
      for (const result of await Promise.allSettled(stops)) {
        if (result.status === 'rejected') logger.warn({ err: result.reason }, 'could not stop a web service');
      }
    },
  };
}

/** What one webroot needs on its node: nginx, setfacl, and its runtime's programs. */
function webrootNeeds(spec: WebrootSpec): string[] {
  const needs: string[] = [CAPABILITY.nginx, CAPABILITY.setfacl];
  const runtime = spec?.runtime;
  if (runtime === 'PHP') needs.push(runtimeCapabilityName('PHP', spec.runtimeVersion));
  // Daemons run under the apps' supervisord, whatever the webroot's runtime.
  if (spec?.daemons?.length && !spec.tenant?.suspended)
    needs.push(CAPABILITY.appSupervisord, CAPABILITY.appSupervisorctl);
  if (runtime === 'NODE' || runtime === 'PYTHON' || runtime === 'RUBY') {
    needs.push(
      CAPABILITY.appSupervisord,
      CAPABILITY.appSupervisorctl,
      runtimeCapabilityName(runtime, spec.runtimeVersion),
    );
  }
  return needs;
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

/** A service start-up may bring back: its live config, the capabilities it needs, how. */
interface Resumable {
  service: string;
  config: string;
  needs: string[];
  run: () => Promise<unknown>;
}

function resumable(web: WebNodeManager, lb: LoadBalancerManager): Resumable[] {
  const keep = { prune: false as const, remove: new Set<string>() };
  return [
    ...web.phpFpm.versions.map((v) => ({
      service: `php-fpm ${v}`,
      config: web.phpFpm.pools(v).linkPath,
      needs: [runtimeCapabilityName('PHP', v)],
      run: () => web.phpFpm.apply(v, new Map(), keep, false),
    })),
    {
      service: 'apps',
      config: web.apps.programs.linkPath,
      needs: [CAPABILITY.appSupervisord, CAPABILITY.appSupervisorctl],
      run: () => web.apps.apply(new Map(), keep),
    },
    {
      service: 'nginx',
      config: web.nginx.mainConf,
      needs: [CAPABILITY.nginx],
      run: () => web.nginx.apply(new Map(), keep, false),
    },
    { service: 'haproxy', config: lb.options.configFile, needs: [CAPABILITY.haproxy], run: () => lb.setMappings([]) },
  ];
}

/**
 * Brings back the services this node already has a config for (after a reboot, or an agent
 * restart that stopped them): the live configs on disk are the last converged state. A node
 * that never served a site or balanced a host starts nothing (an LB-only node's port 80 stays
 * HAProxy's). Returns the services skipped because a program they need is missing.
 */
async function resume(candidates: Resumable[], capabilities: NodeCapabilities, logger: Logger): Promise<Resumable[]> {
  const waiting: Resumable[] = [];
  for (const candidate of candidates) {
    const { service, config, needs, run } = candidate;
    if (!(await exists(config))) continue;
    const missing = needs.filter((name) => !capabilities.has(name));
    if (missing.length > 0) {
      logger.warn({ service, missing }, 'web service not resumed: a program is missing (it resumes once installed)');
      waiting.push(candidate);
      continue;
    }
    await run().catch((error: unknown) => logger.error({ service, err: error }, 'could not resume a web service'));
  }
  return waiting;
}

/** Every web and load-balancer activity a node runs. */
export type WebHostingActivities = Awaited<ReturnType<typeof startWebHosting>>['activities'];
