import { AppManager, type AppOptions } from '../apps/apply.js';
import { removeDaemonLogs } from '../daemons/logs.js';
import { lookupUser } from '../linux-users/system-accounts.js';
import { NginxManager, type NginxOptions } from '../nginx/apply.js';
import { renderServerBlock } from '../nginx/render.js';
import { PhpFpmManager, type PhpFpmOptions } from '../php-fpm/apply.js';
import { SupervisorClient, type SupervisorOptions } from '../supervisor/client.js';
import { TenantWebroots } from './dirs.js';
import { WebError } from './errors.js';
import type { ChangeScope } from './generations.js';
import { prepareWebroots, type PreparedWebroot } from './prepare.js';
import { Serial } from './serial.js';
import {
  APP_RUNTIMES,
  WEBROOT_NAME_PATTERN,
  type AppRuntime,
  type NodeWebReport,
  type NodeWebSpec,
  type WebrootSpec,
} from '@hostplane/contract/webroots';

/** Every path, port and binary of a web node's services (DESIGN.md §6). */
export interface WebNodeOptions {
  /** Where tenant homes live (same as the tenant user manager's). */
  homeRoot: string;
  nginx: NginxOptions;
  phpFpm: PhpFpmOptions;
  apps: AppOptions;
  supervisor: SupervisorOptions;
}

export interface WebNodeDeps {
  /** Replaces the server block renderer (tests simulate a renderer bug reaching nginx -t). */
  renderServerBlock?: typeof renderServerBlock;
}

/** One pass over the node's webroots: what it did and what it could not do. */
interface PassResult {
  failures: Map<string, Error>;
  changed: boolean;
  removed: string[];
  nginxReloads: number;
}

/**
 * Reconciles the web side of a node — webroot folders, php-fpm pools, app programs, nginx
 * server blocks — as one pass: render everything, apply per service in one validated batch
 * (php-fpm and apps first, so nginx never points at a missing socket or port), one reload each.
 */
export class WebNodeManager {
  readonly nginx: NginxManager;
  readonly phpFpm: PhpFpmManager;
  readonly supervisor: SupervisorClient;
  readonly apps: AppManager;
  private readonly serial = new Serial();
  private readonly render: typeof renderServerBlock;

  constructor(
    readonly options: WebNodeOptions,
    deps: WebNodeDeps = {},
  ) {
    this.nginx = new NginxManager(options.nginx);
    this.phpFpm = new PhpFpmManager(options.phpFpm);
    this.supervisor = new SupervisorClient(options.supervisor);
    this.apps = new AppManager(options.apps, this.supervisor);
    this.render = deps.renderServerBlock ?? renderServerBlock;
  }

  /** Makes one webroot live as specified; throws (a WebError when final) if it cannot. */
  ensureWebroot(spec: WebrootSpec): Promise<{ changed: boolean }> {
    return this.serial.run(async () => {
      const name = String((spec as { name?: unknown })?.name);
      const result = await this.pass([spec], { prune: false, remove: new Set([name]) }, false);
      const failure = result.failures.get(name);
      if (failure) throw failure;
      return { changed: result.changed };
    });
  }

  /** Removes a webroot's server block, pool, program and folder. Absent parts count as removed. */
  removeWebroot(input: { name: string; tenant: string }): Promise<{ changed: boolean }> {
    return this.serial.run(async () => {
      if (!WEBROOT_NAME_PATTERN.test(input.name)) {
        throw new WebError('InvalidWebrootSpec', `refusing non-webroot name "${input.name}"`);
      }
      const result = await this.pass([], { prune: false, remove: new Set([input.name]) }, false);
      await this.apps.sockets.remove(input.tenant, input.name);
      await removeDaemonLogs(this.options.apps.logDir, (webroot) => webroot === input.name);
      // The folder goes only if the tenant's home can be opened safely: no user, no home, or a
      // symlink planted in it means there is nothing this agent may delete.
      const user = /^t_[a-z0-9]{10}$/.test(input.tenant) ? await lookupUser(input.tenant) : null;
      if (user) {
        const dirs = await TenantWebroots.open(this.options.homeRoot, input.tenant, user.uid, null).catch(() => null);
        await dirs?.remove(input.name).finally(() => dirs.close());
      }
      return { changed: result.changed };
    });
  }

  /**
   * Rebuilds the node's whole web state from `spec`: everything listed goes live, everything
   * else is removed as an orphan, in one validation and at most one reload per service. A
   * webroot that fails is reported and keeps its previous config; the others go live.
   */
  convergeNode(spec: NodeWebSpec): Promise<NodeWebReport> {
    return this.serial.run(async () => {
      const result = await this.pass(spec.webroots, { prune: true, keep: new Set() }, true);
      // Litter only (their programs are gone): a folder that resists is tried again next pass.
      await this.apps.sockets.prune(appsByTenant(spec.webroots)).catch(() => undefined);
      const listed = new Set(spec.webroots.map((w) => w?.name));
      await removeDaemonLogs(this.options.apps.logDir, (webroot) => !listed.has(webroot)).catch(() => undefined);
      const webroots = spec.webroots.map(({ name }) => {
        const error = result.failures.get(name);
        return error ? { name, ok: false, error: error.message } : { name, ok: true };
      });
      return { webroots, removed: result.removed, nginxReloads: result.nginxReloads };
    });
  }

  private async pass(specs: readonly unknown[], scope: ChangeScope, isolate: boolean): Promise<PassResult> {
    const { prepared, failures } = await prepareWebroots(specs, {
      homeRoot: this.options.homeRoot,
      webUser: this.options.nginx.user,
      listen: this.options.nginx.listen,
      phpFpm: this.phpFpm,
      apps: this.apps,
      renderServerBlock: this.render,
    });
    // Outside convergence a webroot that cannot be rendered changes nothing at all.
    if (!isolate && failures.size > 0) throw [...failures.values()][0];
    // A failed webroot keeps whatever it has live: convergence must not take a site down
    // because its new config is bad.
    const scoped = (): ChangeScope => (scope.prune ? { prune: true, keep: new Set(failures.keys()) } : scope);
    const ok = (p: PreparedWebroot) => !failures.has(p.spec.name);
    let changed = false;
    const removed = new Set<string>();
    const note = (r: { written: string[]; removed: string[] }) => {
      changed ||= r.written.length + r.removed.length > 0;
      r.removed.forEach((n) => removed.add(n));
    };

    for (const version of this.phpFpm.versions) {
      const pools = new Map(
        prepared.filter((p) => ok(p) && p.pool?.version === version).map((p) => [p.spec.name, p.pool!.text]),
      );
      await this.step(failures, [...pools.keys()], isolate, async () => {
        const r = await this.phpFpm.apply(version, pools, scoped(), isolate);
        r.rejected.forEach((message, name) => failures.set(name, new WebError('PhpFpmConfigRejected', message)));
        note(r);
      });
    }
    const programs = new Map(prepared.filter((p) => ok(p) && p.program).map((p) => [p.spec.name, p.program!]));
    await this.step(failures, [...programs.keys()], isolate, async () =>
      note(await this.apps.apply(programs, scoped())),
    );

    const blocks = new Map(prepared.filter(ok).map((p) => [p.spec.name, p.nginxBlock]));
    let nginxReloads = 0;
    await this.step(failures, [...blocks.keys()], isolate, async () => {
      const r = await this.nginx.apply(blocks, scoped(), isolate);
      r.rejected.forEach((message, name) => failures.set(name, new WebError('NginxConfigRejected', message)));
      nginxReloads = r.reloaded ? 1 : 0;
      note(r);
    });
    // Service-level removals also name webroots that are merely moving (PHP 8.1 → 8.2).
    const desired = new Set(prepared.map((p) => p.spec.name));
    return {
      failures,
      changed,
      removed: [...removed].filter((n) => !desired.has(n)).sort(),
      nginxReloads,
    };
  }

  /**
   * Runs one service's apply. Outside convergence an error propagates; in convergence it is
   * charged to the webroots that service carried (and the pass goes on with the next service).
   */
  private async step(failures: Map<string, Error>, names: string[], isolate: boolean, run: () => Promise<void>) {
    try {
      await run();
    } catch (error) {
      if (!isolate) throw error;
      for (const name of names) if (!failures.has(name)) failures.set(name, error as Error);
    }
  }
}

/** Tenant → names of its app webroots in `specs` (unvalidated: a failing one keeps its socket). */
function appsByTenant(specs: readonly WebrootSpec[]): Map<string, Set<string>> {
  const apps = new Map<string, Set<string>>();
  for (const spec of specs) {
    const tenant = spec?.tenant?.name;
    // A daemon with a proxy path listens in the tenant's socket folder too.
    const listens = Array.isArray(spec.daemons) && spec.daemons.some((d) => d?.proxyPath !== undefined);
    if (typeof tenant !== 'string' || !(listens || APP_RUNTIMES.includes(spec.runtime as AppRuntime))) continue;
    apps.set(tenant, (apps.get(tenant) ?? new Set()).add(spec.name));
  }
  return apps;
}
