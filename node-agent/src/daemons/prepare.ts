import path from 'node:path';
import { findOnPath, type AppManager } from '../apps/apply.js';
import { WebError } from '../webroots/errors.js';
import { APP_RUNTIMES, type AppRuntime, type WebrootSpec } from '@hostplane/contract/webroots';
import { daemonSocketFile, renderDaemonProgram, renderDaemonRoutes, type DaemonRoutes } from './render.js';

/** sun_path holds 108 bytes, its terminating NUL included. */
const MAX_SOCKET_PATH = 107;

/** What a webroot's daemons add to a pass: their program sections and their nginx routes. */
export interface PreparedDaemons {
  programs: string[];
  routes: DaemonRoutes;
}

/**
 * Renders the daemons of `spec` (none for a suspended tenant: its daemons stop with its site):
 * each program resolved on the PATH the daemon gets, each proxied daemon's socket folder made
 * ready (the apps' per-tenant folder, ../apps/sockets.ts). Throws a WebError a retry cannot fix
 * when a program is missing or a socket path would not fit.
 */
export async function prepareDaemons(
  spec: WebrootSpec,
  apps: AppManager,
  paths: { home: string; webrootDir: string },
): Promise<PreparedDaemons> {
  const daemons = spec.tenant.suspended ? [] : (spec.daemons ?? []);
  const prepared: PreparedDaemons = { programs: [], routes: { preamble: [], locations: [] } };
  if (daemons.length === 0) return prepared;
  // An app webroot's daemons find its runtime first (`node` of its Node.js version).
  const isApp = (APP_RUNTIMES as readonly string[]).includes(spec.runtime);
  const binDir = isApp ? apps.options.runtimes[spec.runtime as AppRuntime]?.[spec.runtimeVersion] : undefined;
  const searchPath = [...(binDir ? [binDir] : []), ...apps.options.basePath.split(':')];
  const env = Object.fromEntries((spec.env ?? []).map((e) => [e.name, e.value]));
  const proxied: Array<{ daemon: (typeof daemons)[number]; sockets: string[] }> = [];
  for (const daemon of daemons) {
    const argv = [...daemon.command];
    const program = argv[0] ?? '';
    if (!program.includes('/')) {
      const file = await findOnPath(program, searchPath);
      if (!file)
        throw new WebError('RuntimeUnavailable', `daemon ${daemon.name}: program "${program}" is not on its PATH`);
      argv[0] = file;
    } else if (!program.startsWith('/')) {
      argv[0] = path.join(paths.webrootDir, program); // supervisord would resolve it against its own folder
    }
    let socketDir: string | undefined;
    if (daemon.proxyPath !== undefined) {
      socketDir = apps.sockets.dirOf(spec.tenant.name);
      const sockets = Array.from({ length: daemon.processes }, (_, n) =>
        path.join(socketDir!, daemonSocketFile(spec.name, daemon.name, n)),
      );
      const longest = sockets.at(-1)!;
      if (Buffer.byteLength(longest) > MAX_SOCKET_PATH) {
        throw new WebError('InvalidWebrootSpec', `daemon ${daemon.name}: socket path ${longest} is too long`);
      }
      await apps.sockets.ensure(spec.tenant);
      proxied.push({ daemon, sockets });
    }
    prepared.programs.push(
      renderDaemonProgram(spec.name, daemon, {
        tenant: spec.tenant.name,
        ...paths,
        argv,
        path: searchPath.join(':'),
        logDir: apps.options.logDir,
        env,
        ...(socketDir ? { socketDir } : {}),
      }),
    );
  }
  prepared.routes = renderDaemonRoutes(spec.name, proxied);
  return prepared;
}
