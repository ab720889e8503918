import type { Logger } from 'pino';
import { NonRetryableError } from '@hostplane/contract/errors';
import {
  CAPABILITY_MISSING,
  type CapabilityReport,
  type NodeCapabilitiesReport,
} from '@hostplane/contract/capabilities';
import { probeProgram, type ProgramProbe } from './probe.js';

/** A program an activity needs is missing: the message names it, the path tried and its package. */
export class CapabilityMissingError extends NonRetryableError {
  constructor(nodeId: string, capability: CapabilityReport) {
    super(
      CAPABILITY_MISSING,
      `${capability.name} is not available on node ${nodeId}: ${capability.reason} (Debian package ${capability.package})`,
    );
  }
}

export interface NodeCapabilitiesOptions {
  nodeId: string;
  /** The programs to probe, read at every full probe (detected runtimes can appear later). */
  programs: () => ProgramProbe[];
  /** Runs before every full probe (it fills in the Python/Ruby runtimes a node has). */
  detect?: () => Promise<void>;
  /** How long one program may take to say its version. */
  timeoutMs: number;
  logger: Logger;
}

const same = (a: CapabilityReport | undefined, b: CapabilityReport) =>
  a !== undefined && a.available === b.available && a.version === b.version && a.path === b.path;

/**
 * What this node can do, as last probed. Start-up code asks `has()` before launching a daemon;
 * activities call `require()`, which probes again at that moment, so a program installed (or a
 * path fixed) since makes a retry succeed without restarting the agent. Listeners hear of every
 * change, whoever's probe found it.
 */
export class NodeCapabilities {
  private readonly current = new Map<string, CapabilityReport>();
  private readonly listeners: Array<(changed: CapabilityReport[]) => void> = [];

  constructor(private readonly options: NodeCapabilitiesOptions) {}

  /** Probes every configured program in parallel; returns the whole picture. */
  async probeAll(): Promise<CapabilityReport[]> {
    await this.options.detect?.();
    const programs = this.options.programs();
    const reports = await Promise.all(programs.map((p) => probeProgram(p, this.options.timeoutMs)));
    const names = new Set(programs.map((p) => p.name));
    const gone = [...this.current.keys()].filter((name) => !names.has(name));
    gone.forEach((name) => this.current.delete(name));
    this.record(reports, gone.length > 0);
    return this.list();
  }

  /** The last probe's view of `name` (undefined when the agent is not configured to use it). */
  get(name: string): CapabilityReport | undefined {
    return this.current.get(name);
  }

  /** Whether `name` was there at the last probe. */
  has(name: string): boolean {
    return this.current.get(name)?.available === true;
  }

  /**
   * Probes `names` now and throws a CapabilityMissingError for the first one missing. Names the
   * agent is not configured to use are not its business (a runtime version the node lacks is
   * refused by the web managers).
   */
  async require(names: readonly string[]): Promise<void> {
    const programs = this.options.programs().filter((p) => names.includes(p.name));
    // Presence only for what was there (activities call this often); a full probe for the rest.
    const reports = await Promise.all(
      programs.map((p) => probeProgram(p, this.options.timeoutMs, this.current.get(p.name))),
    );
    this.record(reports, false);
    const missing = reports.find((r) => !r.available);
    if (missing) throw new CapabilityMissingError(this.options.nodeId, missing);
  }

  /** Calls `listener` with the capabilities that changed, after every probe that changed any. */
  onChange(listener: (changed: CapabilityReport[]) => void): void {
    this.listeners.push(listener);
  }

  list(): CapabilityReport[] {
    return [...this.current.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  report(): NodeCapabilitiesReport {
    return { nodeId: this.options.nodeId, reportedAt: new Date().toISOString(), capabilities: this.list() };
  }

  private record(reports: CapabilityReport[], removed: boolean): void {
    const changed = reports.filter((r) => !same(this.current.get(r.name), r));
    for (const report of reports) this.current.set(report.name, report);
    if (changed.length === 0 && !removed) return;
    for (const c of changed) {
      const fields = { capability: c.name, path: c.path, version: c.version };
      if (c.available) this.options.logger.info(fields, 'capability available');
      else this.options.logger.warn({ ...fields, reason: c.reason, package: c.package }, 'capability missing');
    }
    for (const listener of this.listeners) listener(changed);
  }
}
