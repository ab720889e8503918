import { access, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { startDaemon } from '../daemon-env.js';
import { applyGeneration, byWebroot, ConfigRejectedError } from '../webroots/apply-generation.js';
import { WebError } from '../webroots/errors.js';
import {
  ConfigGenerations,
  planWebrootFiles,
  WEBROOT_FILE,
  webrootOf,
  writeFileAtomic,
  type ChangeScope,
} from '../webroots/generations.js';
import { FAST_STOP, runningPid, stopProcess, waitFor } from '../webroots/process.js';
import { Serial } from '../webroots/serial.js';
import { blamePool, checkFpmConfig } from './checker.js';
import { renderFpmGlobal } from './render.js';

/** Where php-fpm lives on this node: one master per PHP version. */
export interface PhpFpmOptions {
  /** The php-fpm binary of each installed version: `{ '8.2': '/usr/sbin/php-fpm8.2' }`. */
  binaries: Record<string, string>;
  /** Agent-owned config: `<confDir>/<version>/php-fpm.conf` and its `pools` generations. */
  confDir: string;
  /** `<runDir>/<version>/`: the master's pid file and the pools' sockets (nginx must traverse it). */
  runDir: string;
  logDir: string;
  /** Owner and group of the pool sockets: nginx's worker user. */
  socketOwner: string;
  socketGroup: string;
}

/** What an apply did to one version's pools, by webroot name. */
export interface PhpFpmApplyResult {
  written: string[];
  removed: string[];
  /** Pools `php-fpm -t` refused, with its message. */
  rejected: Map<string, string>;
  /** reloaded (USR2), started, stopped (no pools left) or unchanged. */
  action: 'reloaded' | 'started' | 'stopped' | 'unchanged';
}

const VERSION = /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}$/;

/**
 * Owns the php-fpm masters of a web node. Pools change through validated generations; a
 * master is reloaded with USR2 only after `php-fpm -t` passed, because USR2 with a bad config
 * kills php-fpm outright (TOOLCHAIN.md).
 */
export class PhpFpmManager {
  private readonly serial = new Serial();
  readonly stats = { reloads: 0, starts: 0 };

  constructor(readonly options: PhpFpmOptions) {
    for (const version of Object.keys(options.binaries)) {
      if (!VERSION.test(version)) throw new Error(`bad PHP version key ${version}`);
    }
  }

  /** Versions installed on this node. */
  get versions(): string[] {
    return Object.keys(this.options.binaries).sort();
  }

  socketPath(version: string, webroot: string): string {
    return path.join(this.options.runDir, version, `${webroot}.sock`);
  }

  pidFile(version: string): string {
    return path.join(this.options.runDir, version, 'php-fpm.pid');
  }

  /** The master's config file, which its title names. */
  confFile(version: string): string {
    return path.join(this.options.confDir, version, 'php-fpm.conf');
  }

  /** The running master of `version`, from its pid file; see runningPid. */
  masterPid(version: string): Promise<number | null> {
    return runningPid(this.pidFile(version), this.confFile(version));
  }

  pools(version: string): ConfigGenerations {
    return new ConfigGenerations(path.join(this.options.confDir, version, 'pools'), 0o600); // env[] holds secrets
  }

  private globalConf(version: string, poolsDir: string): string {
    return renderFpmGlobal({
      pidFile: this.pidFile(version),
      errorLog: path.join(this.options.logDir, `php-fpm-${version}.log`),
      poolsDir,
    });
  }

  /** Makes the pools in `desired` (webroot name → pool text) live for `version`; see NginxManager.apply. */
  apply(version: string, desired: ReadonlyMap<string, string>, scope: ChangeScope, isolate: boolean) {
    return this.serial.run(() => this.applyNow(version, desired, scope, isolate));
  }

  private async applyNow(
    version: string,
    desired: ReadonlyMap<string, string>,
    scope: ChangeScope,
    isolate: boolean,
  ): Promise<PhpFpmApplyResult> {
    const binary = this.options.binaries[version];
    if (!binary) throw new WebError('RuntimeUnavailable', `PHP ${version} is not installed on this node`);
    const dir = path.join(this.options.confDir, version);
    for (const d of [dir, path.join(this.options.runDir, version), this.options.logDir])
      await mkdir(d, { recursive: true, mode: 0o755 });
    const pools = this.pools(version);
    const { live, changes } = await planWebrootFiles(pools, desired, scope);
    const conf = this.confFile(version);
    const main = this.globalConf(version, pools.linkPath);
    const mainBefore = await readFile(conf, 'utf8').catch(() => null);
    const pid = await this.masterPid(version);
    let action: PhpFpmApplyResult['action'] = 'unchanged';
    if (changes.size === 0 && mainBefore === main && (pid !== null || live.size === 0)) {
      return { written: [], removed: [], rejected: new Map(), action };
    }

    const candidate = path.join(dir, '.candidate.conf');
    const outcome = await applyGeneration(
      pools,
      live,
      changes,
      {
        // php-fpm refuses a config without pools: an empty version is stopped, not tested.
        test: async (staged) => {
          if (!(await readdir(staged)).some((f) => WEBROOT_FILE.test(f))) return null;
          await writeFileAtomic(candidate, this.globalConf(version, staged));
          return checkFpmConfig(binary, candidate, staged, pools.linkPath);
        },
        blame: (message) => blamePool(message, pools.linkPath),
        activate: async () => {
          if (mainBefore !== main) await writeFileAtomic(conf, main);
          action = await this.activate(version, binary, conf, pid);
        },
      },
      isolate,
    )
      .catch((error: unknown) => {
        if (!(error instanceof ConfigRejectedError)) throw error;
        throw new WebError('PhpFpmConfigRejected', `php-fpm -t refused the config: ${error.message}`);
      })
      .finally(() => rm(candidate, { force: true }));
    return { ...byWebroot(outcome), action };
  }

  /** USR2 when running (waiting for the re-exec'd master and every socket), else start; stop when no pools. */
  private async activate(version: string, binary: string, conf: string, pid: number | null) {
    const live = await this.pools(version).readLive(WEBROOT_FILE);
    if (live.size === 0) {
      if (pid !== null) await stopProcess(pid, 'SIGQUIT');
      return 'stopped' as const;
    }
    if (pid !== null) {
      process.kill(pid, 'SIGUSR2');
      // The master re-execs itself and gets a new pid; sockets are inherited, so no downtime.
      await waitFor(`php-fpm ${version} to reload`, async () => {
        const now = await this.masterPid(version);
        return now !== null && now !== pid;
      });
      this.stats.reloads++;
    } else {
      await startDaemon(binary, ['-y', conf]);
      this.stats.starts++;
    }
    const sockets = [...live.keys()].map((f) => this.socketPath(version, webrootOf(f)));
    const exists = (file: string) =>
      access(file).then(
        () => true,
        () => false,
      );
    await waitFor(`php-fpm ${version} sockets`, async () => (await Promise.all(sockets.map(exists))).every(Boolean));
    return pid !== null ? ('reloaded' as const) : ('started' as const);
  }

  /** Stops every master gracefully, fast after a few seconds (agent exit, tests, decommissioning). */
  async stopAll(): Promise<void> {
    for (const version of this.versions) {
      const pid = await this.masterPid(version);
      if (pid !== null) await stopProcess(pid, 'SIGQUIT', 10_000, FAST_STOP);
    }
  }
}
