import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { startDaemon } from '../daemon-env.js';
import { CommandError, runCommand } from '../linux-users/run-command.js';
import { applyGeneration, byWebroot, ConfigRejectedError } from '../webroots/apply-generation.js';
import { WebError } from '../webroots/errors.js';
import {
  ConfigGenerations,
  planWebrootFiles,
  WEBROOT_FILE,
  writeFileAtomic,
  type ChangeScope,
} from '../webroots/generations.js';
import { childrenOf, FAST_STOP, isAlive, runningPid, stopProcess, waitFor } from '../webroots/process.js';
import { Serial } from '../webroots/serial.js';
import { renderMainConf } from './render.js';

/** How long a reload waits for the old workers to go (their connections to end). */
const OLD_WORKERS_WAIT_MS = 5_000;

/** Where nginx lives on this node. Production: standard paths; tests: a temp prefix. */
export interface NginxOptions {
  /** The nginx binary (`/usr/sbin/nginx`). */
  binary: string;
  /** `-p` prefix for relative paths. */
  prefix: string;
  /** Folder the agent owns: nginx.conf, the `sites` symlink and its generations. */
  confDir: string;
  logDir: string;
  /** Holds nginx.pid. */
  runDir: string;
  /** Request-body and proxy temp folders. */
  tempDir: string;
  /** `listen` values of every site and of the default server. */
  listen: string[];
  /** Worker user, also the owner of php-fpm sockets (`www-data`). */
  user: string;
  workerProcesses: number | 'auto';
  /** Usually `/etc/nginx/mime.types`. */
  mimeTypes: string;
}

/** What an apply did, by webroot name. */
export interface NginxApplyResult {
  written: string[];
  removed: string[];
  /** Webroots whose new server block `nginx -t` refused, with nginx's message. */
  rejected: Map<string, string>;
  reloaded: boolean;
  started: boolean;
}

/**
 * Owns nginx on a web node: its main config, one server block per webroot, the master process.
 * Every change is validated with `nginx -t` on a candidate before it goes live, switched in
 * atomically and followed by exactly one reload.
 */
export class NginxManager {
  readonly sites: ConfigGenerations;
  private readonly serial = new Serial();
  /** Reloads and starts performed, for tests and benchmarks. */
  /** Reloads whose old workers outlived OLD_WORKERS_WAIT_MS (long-lived connections). */
  readonly stats = { reloads: 0, starts: 0, slowReloads: 0 };

  constructor(readonly options: NginxOptions) {
    this.sites = new ConfigGenerations(path.join(options.confDir, 'sites'));
  }

  get mainConf(): string {
    return path.join(this.options.confDir, 'nginx.conf');
  }

  get pidFile(): string {
    return path.join(this.options.runDir, 'nginx.pid');
  }

  private get errorLog(): string {
    return path.join(this.options.logDir, 'error.log');
  }

  /**
   * Makes the server blocks in `desired` (webroot name → text) live, removing the names `scope`
   * allows. With `isolate`, blocks nginx refuses are reported in `rejected` and the rest goes
   * live; without it a refusal throws a WebError `NginxConfigRejected` and nothing changes.
   */
  apply(desired: ReadonlyMap<string, string>, scope: ChangeScope, isolate: boolean): Promise<NginxApplyResult> {
    return this.serial.run(() => this.applyNow(desired, scope, isolate));
  }

  private async applyNow(
    desired: ReadonlyMap<string, string>,
    scope: ChangeScope,
    isolate: boolean,
  ): Promise<NginxApplyResult> {
    const { logDir, runDir, tempDir, confDir } = this.options;
    for (const dir of [logDir, runDir, tempDir, confDir]) await mkdir(dir, { recursive: true, mode: 0o755 });
    const { live, changes } = await planWebrootFiles(this.sites, desired, scope);
    const main = this.renderMain(this.sites.linkPath);
    const mainBefore = await readFile(this.mainConf, 'utf8').catch(() => null);
    const running = (await runningPid(this.pidFile, this.mainConf)) !== null;
    const done = { reloaded: false, started: false };
    if (changes.size === 0 && mainBefore === main && running) {
      return { written: [], removed: [], rejected: new Map(), ...done };
    }

    const candidateConf = path.join(confDir, '.candidate.conf');
    const outcome = await applyGeneration(
      this.sites,
      live,
      changes,
      {
        test: async (dir) => {
          await writeFileAtomic(candidateConf, this.renderMain(dir));
          return this.test(candidateConf, dir);
        },
        blame: (message) => {
          const file = / in (\/\S+?):\d+/.exec(message)?.[1] ?? '';
          const name = path.basename(file);
          return path.dirname(file) === this.sites.linkPath && WEBROOT_FILE.test(name) ? name : null;
        },
        activate: async () => {
          if (mainBefore !== main) await writeFileAtomic(this.mainConf, main);
          try {
            Object.assign(done, await this.reloadOrStart(running));
          } catch (error) {
            if (mainBefore !== null && mainBefore !== main) await writeFileAtomic(this.mainConf, mainBefore);
            throw error;
          }
        },
      },
      isolate,
    )
      .catch((error: unknown) => {
        if (!(error instanceof ConfigRejectedError)) throw error;
        throw new WebError('NginxConfigRejected', `nginx -t refused the config: ${error.message}`);
      })
      .finally(() => rm(candidateConf, { force: true }));
    return { ...byWebroot(outcome), ...done };
  }

  private renderMain(sitesDir: string): string {
    const o = this.options;
    return renderMainConf({
      user: o.user,
      workerProcesses: o.workerProcesses,
      pidFile: this.pidFile,
      errorLog: this.errorLog,
      accessLog: path.join(o.logDir, 'access.log'),
      tempDir: o.tempDir,
      mimeTypes: o.mimeTypes,
      listen: o.listen,
      sitesDir,
    });
  }

  /**
   * `nginx -t` on a candidate; null when valid, else nginx's error lines with the candidate
   * folder shown as the live one (that is where the file would have been).
   */
  private async test(conf: string, candidateDir: string): Promise<string | null> {
    try {
      await runCommand(this.options.binary, ['-t', '-q', ...this.baseArgs(conf)]);
      return null;
    } catch (error) {
      if (!(error instanceof CommandError) || error.exitCode === null) throw error;
      const lines = error.stderr.split('\n').filter((l) => /\[(emerg|alert|crit|error)\]/.test(l));
      const text = (lines.length > 0 ? lines : [error.stderr.trim()]).join('\n');
      return text
        .split(candidateDir)
        .join(this.sites.linkPath)
        .replace(/^nginx: /gm, '');
    }
  }

  // -e: without it nginx first opens the compiled-in /var/log/nginx/error.log.
  private baseArgs(conf = this.mainConf): string[] {
    return ['-p', this.options.prefix, '-c', conf, '-e', this.errorLog];
  }

  private async reloadOrStart(running: boolean) {
    const master = running ? await runningPid(this.pidFile, this.mainConf) : null;
    if (master !== null) {
      const oldWorkers = childrenOf(master);
      await runCommand(this.options.binary, [...this.baseArgs(), '-s', 'reload']);
      // `-s reload` returns once the master has its signal, and old workers keep answering on the
      // connections they hold (HAProxy reuses its idle ones): a step reported done must mean the
      // new config answers. Old workers go once their requests end; one held by a long-lived
      // connection (a WebSocket) is not waited for past OLD_WORKERS_WAIT_MS.
      await waitFor('nginx’s old workers to exit', () => !oldWorkers.some(isAlive), OLD_WORKERS_WAIT_MS).catch(
        () => this.stats.slowReloads++,
      );
      this.stats.reloads++;
      return { reloaded: true };
    }
    await startDaemon(this.options.binary, this.baseArgs());
    await waitFor('nginx to write its pid file', () => runningPid(this.pidFile, this.mainConf));
    this.stats.starts++;
    return { started: true };
  }

  /** Stops the master gracefully, fast after a few seconds (agent exit, tests, node decommissioning). */
  async stop(): Promise<void> {
    const pid = await runningPid(this.pidFile, this.mainConf);
    if (pid !== null) await stopProcess(pid, 'SIGQUIT', 10_000, FAST_STOP);
  }
}
