import path from 'node:path';
import type { AppManager } from '../apps/apply.js';
import { prepareDaemons } from '../daemons/prepare.js';
import { lookupUser } from '../linux-users/system-accounts.js';
import type { renderServerBlock } from '../nginx/render.js';
import type { PhpFpmManager } from '../php-fpm/apply.js';
import { renderPool } from '../php-fpm/render.js';
import { TenantWebroots } from './dirs.js';
import { WebError } from './errors.js';
import { formatIssues, validateNodeWebSpec, type WebrootSpec } from '@hostplane/contract/webroots';

/** Everything one webroot contributes to a pass, rendered. */
export interface PreparedWebroot {
  spec: WebrootSpec;
  nginxBlock: string;
  /** PHP only. */
  pool?: { version: string; text: string };
  /** Running app webroots and webroots with daemons (a suspended tenant's processes are stopped). */
  program?: string;
}

export interface PrepareContext {
  homeRoot: string;
  /** nginx's worker user: granted traverse into tenant homes. */
  webUser: string;
  listen: readonly string[];
  phpFpm: PhpFpmManager;
  apps: AppManager;
  renderServerBlock: typeof renderServerBlock;
}

const CONCURRENCY = 8;

/**
 * Validates and renders a batch of webroots and makes their folders. A webroot that fails any
 * step lands in `failures` with its error and is left out; the others carry on.
 */
export async function prepareWebroots(specs: readonly unknown[], ctx: PrepareContext) {
  const failures = new Map<string, Error>();
  const issues = validateNodeWebSpec(specs);
  const valid: WebrootSpec[] = [];
  for (const spec of specs as WebrootSpec[]) {
    const problems = issues.get(spec?.name) ?? [];
    if (problems.length > 0)
      failures.set(String(spec?.name), new WebError('InvalidWebrootSpec', formatIssues(problems)));
    else valid.push(spec);
  }
  const byTenant = new Map<string, WebrootSpec[]>();
  for (const spec of valid) byTenant.set(spec.tenant.name, [...(byTenant.get(spec.tenant.name) ?? []), spec]);
  const prepared: PreparedWebroot[] = [];
  const tenants = [...byTenant.values()];
  const worker = async () => {
    for (let group = tenants.shift(); group; group = tenants.shift()) {
      await prepareTenant(group, ctx, prepared, failures);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  prepared.sort((a, b) => a.spec.name.localeCompare(b.spec.name));
  return { prepared, failures };
}

async function prepareTenant(
  specs: WebrootSpec[],
  ctx: PrepareContext,
  out: PreparedWebroot[],
  failures: Map<string, Error>,
) {
  const { name, uid } = specs[0]!.tenant;
  let dirs: TenantWebroots | null = null;
  try {
    const user = await lookupUser(name);
    if (!user || user.uid !== uid) throw new Error(`tenant user ${name} with uid ${uid} does not exist on this node`);
    dirs = await TenantWebroots.open(ctx.homeRoot, name, uid, ctx.webUser);
  } catch (error) {
    for (const spec of specs) failures.set(spec.name, error as Error);
    return;
  }
  try {
    for (const spec of specs) {
      try {
        await dirs.ensure(spec.name, spec.documentRoot);
        out.push(await render(spec, ctx));
      } catch (error) {
        failures.set(spec.name, error as Error);
      }
    }
  } finally {
    await dirs.close();
  }
}

async function render(spec: WebrootSpec, ctx: PrepareContext): Promise<PreparedWebroot> {
  const home = path.join(ctx.homeRoot, spec.tenant.name);
  const webrootDir = path.join(home, 'webroots', spec.name);
  const rootDir = spec.documentRoot ? path.join(webrootDir, spec.documentRoot) : webrootDir;
  const result: Partial<PreparedWebroot> = { spec };
  let phpSocket: string | undefined;
  let appSocket: string | undefined;
  if (spec.runtime === 'PHP') {
    if (!ctx.phpFpm.versions.includes(spec.runtimeVersion)) {
      throw new WebError('RuntimeUnavailable', `PHP ${spec.runtimeVersion} is not installed on this node`);
    }
    phpSocket = ctx.phpFpm.socketPath(spec.runtimeVersion, spec.name);
    const pool = renderPool(spec, {
      socket: phpSocket,
      socketOwner: ctx.phpFpm.options.socketOwner,
      socketGroup: ctx.phpFpm.options.socketGroup,
      home,
      webrootDir,
    });
    result.pool = { version: spec.runtimeVersion, text: pool };
  } else if (spec.runtime !== 'STATIC') {
    appSocket = ctx.apps.sockets.pathOf(spec.tenant.name, spec.name);
    if (!spec.tenant.suspended) result.program = await ctx.apps.render(spec, { home, webrootDir });
  }
  // Its daemons' programs go in the same file as its app's: one program file per webroot.
  const daemons = await prepareDaemons(spec, ctx.apps, { home, webrootDir });
  const programs = [...(result.program ? [result.program] : []), ...daemons.programs];
  if (programs.length > 0) result.program = programs.join('\n');
  result.nginxBlock = ctx.renderServerBlock(spec, {
    listen: ctx.listen,
    rootDir,
    phpSocket,
    appSocket,
    daemonRoutes: daemons.routes,
  });
  return result as PreparedWebroot;
}
