import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { startDaemon } from '../daemon-env.js';
import { CommandError, runCommand } from '../linux-users/run-command.js';
import { WebError } from '../webroots/errors.js';
import { writeFileAtomic } from '../webroots/generations.js';
import { runningPid, stopProcess, waitFor } from '../webroots/process.js';
import { Serial } from '../webroots/serial.js';
import {
  formatIssues,
  validateLbSpec,
  validateMappings,
  type FqdnMapping,
  type LbConvergeResult,
  type LbSpec,
  type ValidationIssue,
} from '@hostplane/contract/webroots';
import { MapUpdater } from './map-updates.js';
import type { TlsOptions } from '../certificates/tls-files.js';
import { TlsStore } from '../certificates/tls-store.js';
import { backendsOf, parseMapFile, renderHaproxyConf, renderMapFile } from './render.js';
import { HaproxyRuntimeClient, workerPid } from './runtime-api.js';

/** Where HAProxy lives on a load-balancer node. */
export interface HaproxyOptions {
  binary: string;
  configFile: string;
  /** `fqdn-to-shard.map`: the runtime map's copy on disk, loaded at every (re)start. */
  mapFile: string;
  /** Admin socket of the runtime API (root only). */
  adminSocket: string;
  pidFile: string;
  /** Frontend bind values (`:80`; tests a loopback port). */
  bind: string[];
  /** HTTPS: its binds and TLS folder (none: HTTP only). */
  tls?: TlsOptions | undefined;
}

const invalid = (issues: ValidationIssue[]) => new WebError('InvalidLbSpec', formatIssues(issues));

/**
 * Owns HAProxy on a load-balancer node. FQDN changes go through the runtime API — no reload —
 * and into the map file, so a restart keeps them; backend changes are validated with
 * `haproxy -c` and applied with a seamless master-worker reload.
 */
export class LoadBalancerManager {
  readonly runtime: HaproxyRuntimeClient;
  private readonly maps: MapUpdater;
  private readonly serial = new Serial();
  readonly stats = { reloads: 0, starts: 0 };
  /** Certificates, ACME answers and TLS options (null without HTTPS binds). */
  readonly tls: TlsStore | null;

  constructor(readonly options: HaproxyOptions) {
    this.runtime = new HaproxyRuntimeClient(options.adminSocket);
    this.maps = new MapUpdater(this.runtime, options.mapFile);
    this.tls = options.tls ? new TlsStore(this.runtime, options.tls) : null;
  }

  /** Routes each FQDN to its backend now (set when present, add when not) and on disk. */
  setMappings(entries: readonly FqdnMapping[]): Promise<{ changed: number }> {
    return this.serial.run(async () => {
      const issues = validateMappings(entries);
      if (issues.length > 0) throw invalid(issues);
      const conf = await readFile(this.options.configFile, 'utf8').catch(() => null);
      if (conf === null) throw new Error('the load balancer has no haproxy.cfg yet: converge it first');
      const known = backendsOf(conf);
      const unknown = entries.filter((e) => !known.has(e.backend)).map((e) => e.backend);
      if (unknown.length > 0)
        throw new WebError('InvalidLbSpec', `unknown backend ${[...new Set(unknown)].join(', ')}`);
      await this.ensureRunning();
      return this.maps.set(entries);
    });
  }

  /** Stops routing the FQDNs (unknown hosts go to the default backend). Absent ones are fine. */
  removeMappings(fqdns: readonly string[]): Promise<{ changed: number }> {
    return this.serial.run(async () => {
      const issues = validateMappings(fqdns.map((fqdn) => ({ fqdn, backend: 'x' })));
      if (issues.length > 0) throw invalid(issues);
      const running = (await runningPid(this.options.pidFile, this.options.configFile)) !== null;
      return this.maps.remove(fqdns, running);
    });
  }

  /** Makes the whole LB state live: backends (reload only when they change) and the full map. */
  converge(spec: LbSpec): Promise<LbConvergeResult> {
    return this.serial.run(async () => {
      const issues = validateLbSpec(spec);
      if (issues.length > 0) throw invalid(issues);
      const o = this.options;
      for (const file of [o.configFile, o.mapFile, o.adminSocket, o.pidFile])
        await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
      const mapText = renderMapFile(spec.entries);
      const mapBefore = await readFile(o.mapFile, 'utf8').catch(() => null);
      // haproxy -c loads the map file the config names: the first converge needs one to exist.
      if (mapBefore === null) await writeFileAtomic(o.mapFile, mapText);
      // And the TLS files it names (a default certificate, the crt-list, the maps).
      await this.tls?.prepare();
      const conf = renderHaproxyConf(
        { bind: o.bind, mapFile: o.mapFile, adminSocket: o.adminSocket, tls: o.tls },
        spec.backends,
      );
      const running = (await runningPid(o.pidFile, o.configFile)) !== null;
      const confChanged = (await readFile(o.configFile, 'utf8').catch(() => null)) !== conf;
      if (confChanged) await this.check(conf);
      // Only after the config passed: a refused converge must leave the map file alone too.
      if (mapBefore !== null && mapBefore !== mapText) await writeFileAtomic(o.mapFile, mapText);
      if (running && !confChanged) {
        await this.maps.replace(parseMapFile(mapText));
        return { entries: spec.entries.length, action: 'unchanged' };
      }
      if (confChanged) await writeFileAtomic(o.configFile, conf);
      // A (re)started worker loads the map file written above.
      return {
        entries: spec.entries.length,
        action: running ? await this.reload() : await this.start(),
      };
    });
  }

  /** `haproxy -c` on a candidate file; throws HaproxyConfigRejected with HAProxy's message. */
  private async check(conf: string): Promise<void> {
    const candidate = `${this.options.configFile}.candidate`;
    await writeFileAtomic(candidate, conf);
    try {
      await runCommand(this.options.binary, ['-c', '-f', candidate]);
    } catch (error) {
      if (!(error instanceof CommandError) || error.exitCode === null) throw error;
      const lines = error.stderr.split('\n').filter((l) => /\[(ALERT|EMERG)\]/.test(l));
      const text = (lines.length > 0 ? lines.join('\n') : error.stderr)
        .trim()
        .split(candidate)
        .join(this.options.configFile);
      throw new WebError('HaproxyConfigRejected', `haproxy -c refused the config: ${text}`);
    } finally {
      await rm(candidate, { force: true });
    }
  }

  /** Starts HAProxy when it has a config and is not running (repairs a crashed LB). */
  private async ensureRunning(): Promise<void> {
    if ((await runningPid(this.options.pidFile, this.options.configFile)) === null) await this.start();
  }

  private async start(): Promise<'started'> {
    const o = this.options;
    await rm(o.adminSocket, { force: true });
    // -W: master-worker, so a reload (USR2) is seamless; -D: daemon; -p: the master's pid.
    await startDaemon(o.binary, ['-W', '-D', '-f', o.configFile, '-p', o.pidFile]);
    await waitFor('HAProxy to answer on its admin socket', () => workerPid(this.runtime).then((pid) => pid ?? false));
    this.stats.starts++;
    return 'started';
  }

  /** USR2 to the master; waits until a new worker answers, so a following map edit reaches it. */
  private async reload(): Promise<'reloaded' | 'started'> {
    const master = await runningPid(this.options.pidFile, this.options.configFile);
    if (master === null) return this.start();
    const before = await workerPid(this.runtime);
    process.kill(master, 'SIGUSR2');
    await waitFor('the new HAProxy worker', async () => {
      const now = await workerPid(this.runtime);
      return now !== null && now !== before;
    });
    this.stats.reloads++;
    return 'reloaded';
  }

  /** Stops HAProxy (tests, decommissioning). */
  async stop(): Promise<void> {
    const pid = await runningPid(this.options.pidFile, this.options.configFile);
    if (pid !== null) await stopProcess(pid, 'SIGTERM');
  }
}
