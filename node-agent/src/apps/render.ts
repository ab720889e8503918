/**
 * Pure rendering of a Node.js / Python / Ruby webroot's supervisord program: the tenant's
 * command, run as the tenant in its webroot folder, listening on its Unix socket (sockets.ts).
 * Golden files: test-fixtures/apps.
 */
import { iniValue, renderCommand, renderEnvironment, renderProgramSection } from '../supervisor/render.js';
import type { AppWebrootSpec } from '@hostplane/contract/webroots';

/** Paths a program needs, resolved by the caller from node options. */
export interface AppProgramContext {
  home: string;
  webrootDir: string;
  /**
   * What the program runs: `appArgv` with a bare program name resolved to its file on the app's
   * PATH (supervisord would look it up on its own PATH, not the one the program gets).
   */
  argv: readonly string[];
  /** The runtime version's bin folder, first on PATH (`node`, `gunicorn`, `puma` resolve there). */
  binDir: string;
  /** PATH after binDir. */
  basePath: string;
  /** stdout+stderr of the app (agent-owned folder: supervisord writes it as root). */
  logFile: string;
  /** The Unix socket the app listens on (AppSockets.pathOf). */
  socket: string;
}

/**
 * Runs before every start, as the tenant: removes the socket a previous run left (a killed
 * Node.js app leaves its file, and `listen` then fails with EADDRINUSE), then becomes the app.
 * As the tenant, so a link it put there is removed as a link, with no rights but its own.
 */
const START = 'rm -f -- "$APP_SOCKET"; exec "$@"';

/**
 * The argument array the app runs: `{socket}` replaced by its socket in every argument, and a
 * relative program path anchored at the webroot (supervisord would resolve it against its own
 * folder).
 */
export function appArgv(spec: AppWebrootSpec, webrootDir: string, socket: string): string[] {
  const argv = spec.runtimeConfig.command.map((arg) => arg.split('{socket}').join(socket));
  const program = argv[0] ?? '';
  if (program.includes('/') && !program.startsWith('/')) argv[0] = `${webrootDir}/${program.replace(/^\.\//, '')}`;
  return argv;
}

/** The `[program:web_x]` file of an app webroot. */
export function renderAppProgram(spec: AppWebrootSpec, ctx: AppProgramContext): string {
  const user = spec.tenant.name;
  return renderProgramSection(spec.name, [
    ['command', renderCommand(['/bin/sh', '-c', START, 'hostplane-app', ...ctx.argv])],
    ['directory', iniValue(ctx.webrootDir)],
    ['user', iniValue(user)],
    // Everything the app gets on top of supervisord's own (minimal) environment: supervisord's
    // user= sets neither HOME nor USER (TOOLCHAIN.md), and its chdir leaves PWD alone (puma
    // stats PWD at start).
    [
      'environment',
      renderEnvironment({
        // The tenant's variables and secrets first: the platform's below win (their names are
        // reserved anyway, refused by the API and by the spec check).
        ...Object.fromEntries((spec.env ?? []).map((e) => [e.name, e.value])),
        HOME: ctx.home,
        USER: user,
        LOGNAME: user,
        PATH: `${ctx.binDir}:${ctx.basePath}`,
        PWD: ctx.webrootDir,
        // Node's `server.listen(process.env.PORT)` takes a path as well as a port.
        PORT: ctx.socket,
        APP_SOCKET: ctx.socket,
      }),
    ],
    // Not 022: a socket's mode is masked by the umask even under the folder's default ACL, and
    // nginx's workers need write permission on it to connect. The group is the tenant's own.
    ['umask', '002'],
    ['autostart', 'true'],
    ['autorestart', 'true'],
    ['startsecs', 1],
    ['startretries', 5],
    ['stopsignal', 'TERM'],
    // Then SIGKILL: an app ignoring TERM must not hold up the agent's exit past `npm start`'s 10 s.
    ['stopwaitsecs', 5],
    // The app's children (workers, a shell wrapper) go down with it.
    ['stopasgroup', 'true'],
    ['killasgroup', 'true'],
    ['redirect_stderr', 'true'],
    ['stdout_logfile', iniValue(ctx.logFile)],
    ['stdout_logfile_maxbytes', '10MB'],
    ['stdout_logfile_backups', 3],
  ]);
}
