/**
 * Pure rendering of a webroot's daemons: one supervisord program each (`numprocs` processes, as
 * the tenant, in the webroot folder, minimal environment) and, for a daemon with a proxy path,
 * nginx locations that pass that path (WebSocket upgrade included) to its Unix sockets.
 */
import { DAEMON_NAME_PATTERN, proxyPathProblem, type DaemonSpec } from '@hostplane/contract/daemons';
import { WEBROOT_NAME_PATTERN } from '@hostplane/contract/webroots';
import { block, directive } from '../nginx/syntax.js';
import { iniValue, renderCommand, renderEnvironment, renderProgramSection } from '../supervisor/render.js';

/** supervisord's per-process expansion: the daemon's processes are numbered 0 … numprocs − 1. */
const PROCESS_NUM = '%(process_num)d';

/** `autorestart=` of each restart policy (`unexpected`: only after an exit code other than 0). */
const AUTORESTART = { ALWAYS: 'true', ON_FAILURE: 'unexpected', NEVER: 'false' } as const;

/**
 * Runs before every start of a proxied daemon, as the tenant: removes the socket a previous run
 * left (a killed Node.js server leaves its file, and `listen` then fails with EADDRINUSE), then
 * becomes the daemon. The same wrapper as an app's (../apps/render.ts).
 */
const START = 'rm -f -- "$APP_SOCKET"; exec "$@"';

/** The supervisord program of `daemon` of `webroot`: `web_x_<daemon>`. */
export function daemonProgramName(webroot: string, daemon: string): string {
  if (!WEBROOT_NAME_PATTERN.test(webroot) || !DAEMON_NAME_PATTERN.test(daemon)) {
    throw new Error(`bad daemon ${webroot}/${daemon}`);
  }
  return `${webroot}_${daemon}`;
}

/** File name of process `n`'s log (or, with `%(process_num)d` for n, its supervisord template). */
export const daemonLogFile = (webroot: string, daemon: string, n: number | string) =>
  `${daemonProgramName(webroot, daemon)}.${n}.log`;

/** File name of process `n`'s socket in the tenant's socket folder. */
export const daemonSocketFile = (webroot: string, daemon: string, n: number | string) =>
  `${daemonProgramName(webroot, daemon)}.${n}.sock`;

/** What a daemon's program needs, resolved by the caller from node options. */
export interface DaemonProgramContext {
  tenant: string;
  home: string;
  webrootDir: string;
  /** The command with its program resolved to a file (supervisord would search its own PATH). */
  argv: readonly string[];
  /** PATH the daemon gets. */
  path: string;
  /** Agent-owned folder of daemon logs. */
  logDir: string;
  /** The tenant's socket folder, when the daemon has a proxy path. */
  socketDir?: string;
  /** The webroot's environment (variables and opened secrets). */
  env: Readonly<Record<string, string>>;
}

/** The `[program:web_x_<daemon>]` section of one daemon. */
export function renderDaemonProgram(webroot: string, daemon: DaemonSpec, ctx: DaemonProgramContext): string {
  const name = daemonProgramName(webroot, daemon.name);
  const user = ctx.tenant;
  const listens = daemon.proxyPath !== undefined;
  if (listens && !ctx.socketDir) throw new Error(`daemon ${name} needs a socket folder`);
  // The tenant's variables first: the platform's below win (their names are reserved anyway).
  let environment = renderEnvironment({
    ...ctx.env,
    HOME: ctx.home,
    USER: user,
    LOGNAME: user,
    PATH: ctx.path,
    PWD: ctx.webrootDir,
  });
  if (listens) {
    // Rendered apart: `%(process_num)d` must reach supervisord unescaped (renderEnvironment doubles `%`).
    const socket = `${iniValue(`${ctx.socketDir}/`)}${daemonSocketFile(webroot, daemon.name, PROCESS_NUM)}`;
    if (socket.includes('"')) throw new Error(`socket folder of ${name} cannot hold "`);
    environment += `,PORT="${socket}",APP_SOCKET="${socket}"`;
  }
  const argv = listens ? ['/bin/sh', '-c', START, 'hostplane-daemon', ...ctx.argv] : ctx.argv;
  return renderProgramSection(name, [
    ['command', renderCommand(argv)],
    ['process_name', '%(program_name)s_%(process_num)d'],
    ['numprocs', daemon.processes],
    ['directory', iniValue(ctx.webrootDir)],
    ['user', iniValue(user)],
    ['environment', environment],
    // 002 for a listener: nginx's workers need write permission on its socket (see ../apps/render.ts).
    ['umask', listens ? '002' : '022'],
    ['autostart', 'true'],
    ['autorestart', AUTORESTART[daemon.restart]],
    ['startsecs', 1],
    ['startretries', 5],
    ['stopsignal', daemon.stopSignal],
    ['stopwaitsecs', daemon.stopWaitSeconds],
    // Its children (workers, a shell wrapper) go down with it.
    ['stopasgroup', 'true'],
    ['killasgroup', 'true'],
    ['redirect_stderr', 'true'],
    ['stdout_logfile', `${iniValue(`${ctx.logDir}/`)}${daemonLogFile(webroot, daemon.name, PROCESS_NUM)}`],
    ['stdout_logfile_maxbytes', '10MB'],
    ['stdout_logfile_backups', 3],
  ]);
}

/** nginx text a webroot's proxied daemons add to its file: upstreams before its server block, locations in it. */
export interface DaemonRoutes {
  /** http-level lines (an upstream per daemon with several processes). */
  preamble: string[];
  /** `location` blocks of the server block, depth 1. */
  locations: string[];
}

/** A long-lived connection (a WebSocket) may stay quiet this long before nginx drops it. */
const LONG_TIMEOUT = '86400s';

/**
 * The routes of a webroot's proxied daemons: `location = /ws` and `location ^~ /ws/` (`^~`: a
 * PHP site's `\.php$` regex must not take `/ws/x.php`), passed to the daemon's socket, or to an
 * upstream of its process sockets. The Upgrade and Connection headers and HTTP/1.1 come from the
 * http level (../nginx/render.ts), which these locations inherit by setting no header of their own.
 */
export function renderDaemonRoutes(
  webroot: string,
  daemons: ReadonlyArray<{ daemon: DaemonSpec; sockets: readonly string[] }>,
): DaemonRoutes {
  const routes: DaemonRoutes = { preamble: [], locations: [] };
  for (const { daemon, sockets } of daemons) {
    const path = daemon.proxyPath;
    if (path === undefined) continue;
    const problem = proxyPathProblem(path);
    if (problem) throw new Error(`proxy path of daemon ${daemon.name}: ${problem}`);
    for (const socket of sockets) {
      if (!socket.startsWith('/') || socket.includes(':')) throw new Error(`bad socket ${socket}`);
    }
    let target: string;
    if (sockets.length === 1) target = `http://unix:${sockets[0]}`;
    else {
      const upstream = `hostplane_${daemonProgramName(webroot, daemon.name).replace(/-/g, '_')}`;
      routes.preamble.push(
        ...block(
          0,
          `upstream ${upstream}`,
          sockets.map((s) => directive(1, 'server', `unix:${s}`)),
        ),
      );
      target = `http://${upstream}`;
    }
    const body = [
      directive(2, 'proxy_pass', target),
      directive(2, 'proxy_read_timeout', LONG_TIMEOUT),
      directive(2, 'proxy_send_timeout', LONG_TIMEOUT),
      directive(2, 'proxy_buffering', 'off'),
    ];
    routes.locations.push(...block(1, `location = ${path}`, body), ...block(1, `location ^~ ${path}/`, body));
  }
  return routes;
}
