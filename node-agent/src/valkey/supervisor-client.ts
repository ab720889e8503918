import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { iniValue, renderCommand, renderEnvironment, renderProgramSection } from '../supervisor/render.js';
import { Supervisorctl, type ProgramState, type ProgramStatus } from '../supervisor/supervisorctl.js';
import { writeFileIfChanged } from './files.js';

// The first line of every program file, as written since the first release: an ensure rewrites a
// file that differs, and supervisord restarts its instance.
const BANNER = '; Rendered by the Hostplane node agent; changes here are overwritten.';

/** One supervised program (numprocs 1); rendered by the client, never pasted. */
export interface ProgramSpec {
  name: string;
  /** Program and arguments; quoted for supervisord's shlex, `%` doubled. */
  command: string[];
  directory?: string;
  /** Unix user to run as (supervisord itself runs as root). */
  user?: string;
  /** stdout+stderr go here (rotated by supervisord). */
  logFile: string;
  environment?: Record<string, string>;
  /** Seconds a start must survive to count as started (default 1). */
  startSecs?: number;
  /** Seconds between SIGTERM and SIGKILL on stop (default 30). */
  stopWaitSecs?: number;
}

export interface SupervisorClientOptions {
  /** supervisord.conf with a `[supervisorctl]` serverurl (supervisorctl reads it with `-c`). */
  configPath: string;
  /** The folder supervisord.conf includes (`[include] files = <dir>/*.conf`); this client's. */
  programDir: string;
  /** Default `supervisorctl`. */
  supervisorctlPath?: string;
}

/** The `[program:x]` file for `spec`: autostart, restart whenever it exits. */
export function renderProgram(spec: ProgramSpec): string {
  const environment = renderEnvironment(spec.environment ?? {});
  return renderProgramSection(
    spec.name,
    [
      ['command', renderCommand(spec.command)],
      ['directory', spec.directory ? iniValue(spec.directory) : undefined],
      ['user', spec.user ? iniValue(spec.user) : undefined],
      ['environment', environment || undefined],
      ['autostart', 'true'],
      ['autorestart', 'true'],
      ['startsecs', spec.startSecs ?? 1],
      ['startretries', 10],
      ['stopsignal', 'TERM'],
      ['stopwaitsecs', spec.stopWaitSecs ?? 30],
      ['redirect_stderr', 'true'],
      ['stdout_logfile', iniValue(spec.logFile)],
      ['stdout_logfile_maxbytes', '10MB'],
      ['stdout_logfile_backups', 2],
    ],
    BANNER,
  );
}

/**
 * Drives a supervisord through `supervisorctl`: one program file per supervised process in a
 * folder this client owns, applied with `update <name>`. `start`/`stop` print "ERROR (already
 * started)" and the like, so outcomes are read from `status`.
 */
export class SupervisorClient {
  private readonly ctl: Supervisorctl;

  constructor(private readonly options: SupervisorClientOptions) {
    this.ctl = new Supervisorctl(options.configPath, options.supervisorctlPath);
  }

  programFile(name: string): string {
    return path.join(this.options.programDir, `${name}.conf`);
  }

  /** Writes the program's file if it differs and applies it (adds, or restarts a changed one). */
  async ensureProgram(spec: ProgramSpec): Promise<boolean> {
    const changed = await writeFileIfChanged(this.programFile(spec.name), renderProgram(spec), 0o644);
    if (changed || (await this.status(spec.name)) === null) await this.ctl.ask(['update', spec.name]);
    return changed;
  }

  /** Stops the program and forgets it. True if it was configured. */
  async removeProgram(name: string): Promise<boolean> {
    const file = this.programFile(name);
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    await rm(file, { force: true });
    await this.ctl.ask(['update', name]);
    return existed;
  }

  /** The program's state and pid, or null when supervisord does not know it. */
  status(name: string): Promise<ProgramStatus | null> {
    return this.ctl.programStatus(name);
  }

  async start(name: string): Promise<void> {
    await this.ctl.ask(['start', name]);
  }

  /**
   * Stops the program (supervisorctl waits for the exit, SIGKILL after stopwaitsecs) and
   * verifies it is down, so a caller may then touch files the process would write.
   */
  async stop(name: string): Promise<void> {
    await this.ctl.ask(['stop', name]);
    const state = (await this.status(name))?.state;
    if (state === 'RUNNING' || state === 'STARTING' || state === 'STOPPING' || state === 'BACKOFF') {
      throw new Error(`program ${name} is still ${state} after stop`);
    }
  }

  /** Polls until the program is in `state`; returns the last status seen. */
  async waitFor(name: string, state: ProgramState, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status(name);
      if (status?.state === state || Date.now() > deadline) return status;
      await sleep(100);
    }
  }
}
