import { access, chmod, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { SupervisorClient } from '../supervisor/client.js';
import { applyGeneration, byWebroot } from '../webroots/apply-generation.js';
import { WebError } from '../webroots/errors.js';
import { ConfigGenerations, planWebrootFiles, type ChangeScope } from '../webroots/generations.js';
import { Serial } from '../webroots/serial.js';
import type { AppRuntime, AppWebrootSpec } from '@hostplane/contract/webroots';
import { appArgv, renderAppProgram } from './render.js';
import { AppSockets } from './sockets.js';

/** App runtimes installed on this node and where app logs go. */
export interface AppOptions {
  /** bin folder of each runtime version: `{ NODE: { '20': '/usr/local/bin' }, PYTHON: { '3.11': … } }`. */
  runtimes: Partial<Record<AppRuntime, Record<string, string>>>;
  /** PATH after the runtime's bin folder. */
  basePath: string;
  /** Agent-owned folder for app output (`<logDir>/<webroot>.log`). */
  logDir: string;
  /** Root of the per-tenant socket folders (see sockets.ts). */
  socketDir: string;
  /** nginx's worker user: the one user besides the tenant who may connect to its apps. */
  webUser: string;
}

/** The first executable `program` in `dirs`, or null (what a shell's PATH lookup would run). */
export async function findOnPath(program: string, dirs: readonly string[]): Promise<string | null> {
  const found = await Promise.all(
    dirs.map((d) =>
      access(path.join(d, program), constants.X_OK).then(
        () => path.join(d, program),
        () => null,
      ),
    ),
  );
  return found.find((f) => f !== null) ?? null;
}

/**
 * Supervised app processes of Node.js, Python and Ruby webroots: one supervisord program per
 * webroot, switched in as one generation and applied with one `supervisorctl update`.
 */
export class AppManager {
  readonly programs: ConfigGenerations;
  readonly sockets: AppSockets;
  private readonly serial = new Serial();

  constructor(
    readonly options: AppOptions,
    readonly supervisor: SupervisorClient,
  ) {
    this.programs = new ConfigGenerations(supervisor.options.programsDir, 0o600); // environment= holds secrets
    this.sockets = new AppSockets(options.socketDir, options.webUser);
  }

  /**
   * The program file of `spec`, its socket folder made ready; throws RuntimeUnavailable when its
   * runtime or program is missing.
   */
  async render(spec: AppWebrootSpec, paths: { home: string; webrootDir: string }): Promise<string> {
    const binDir = this.options.runtimes[spec.runtime]?.[spec.runtimeVersion];
    if (!binDir) {
      throw new WebError('RuntimeUnavailable', `${spec.runtime} ${spec.runtimeVersion} is not installed on this node`);
    }
    const socket = this.sockets.pathOf(spec.tenant.name, spec.name);
    const argv = appArgv(spec, paths.webrootDir, socket);
    const program = argv[0] ?? '';
    if (!program.includes('/')) {
      // Resolved here, on the PATH the app gets: a typo is reported now, not as a crash-looping program.
      const file = await findOnPath(program, [binDir, ...this.options.basePath.split(':')]);
      if (!file) {
        throw new WebError(
          'RuntimeUnavailable',
          `program "${program}" is not available for ${spec.runtime} ${spec.runtimeVersion}`,
        );
      }
      argv[0] = file;
    }
    const logFile = path.join(this.options.logDir, `${spec.name}.log`);
    await this.sockets.ensure(spec.tenant);
    return renderAppProgram(spec, { ...paths, argv, binDir, basePath: this.options.basePath, logFile, socket });
  }

  /** Makes the programs in `desired` (webroot name → program file) live; see NginxManager.apply. */
  apply(desired: ReadonlyMap<string, string>, scope: ChangeScope) {
    return this.serial.run(async () => {
      // Root's alone: supervisord (root) writes the logs 0644, and an app or daemon may print
      // its secrets there; tenants read theirs through the API (the agent's readDaemonLog).
      await mkdir(this.options.logDir, { recursive: true, mode: 0o700 });
      await chmod(this.options.logDir, 0o700);
      const { live, changes } = await planWebrootFiles(this.programs, desired, scope);
      if (changes.size === 0) {
        // Nothing to change; still repair a supervisord that died (a fresh one loads the programs).
        if (live.size > 0) await this.supervisor.ensureRunning();
        return { written: [], removed: [] };
      }
      // supervisord has no config checker: rendering is structured, so nothing to test.
      const outcome = await applyGeneration(
        this.programs,
        live,
        changes,
        {
          test: async () => null,
          blame: () => null,
          activate: async () => {
            if (!(await this.supervisor.ensureRunning()).started) await this.supervisor.update();
          },
        },
        false,
      );
      const { written, removed } = byWebroot(outcome);
      return { written, removed };
    });
  }
}
