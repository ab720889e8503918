import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CommandError, runCommand } from '../linux-users/run-command.js';
import { writeFileIfChanged } from './files.js';

// supervisorctl exit codes: 3 = process not running, 4 = no such process; `start`/`stop` print
// "ERROR (already started)" etc. with exit 0 or 1–7, so results are read from `status`.
const ANY_EXIT = [0, 1, 2, 3, 4, 5, 6, 7];
const PROGRAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const SAFE_ARG = /^[A-Za-z0-9_./:=@,+-]+$/;

export type ProcessState =
  'STOPPED' | 'STARTING' | 'RUNNING' | 'BACKOFF' | 'STOPPING' | 'EXITED' | 'FATAL' | 'UNKNOWN';

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

/**
 * A config value: `%` doubled (supervisord expands `%(x)s`). Control characters would start a
 * new line, and configparser cuts a value at whitespace + `;` or `#` (inline comment): refused.
 */
function value(text: string): string {
  if (/[\u0000-\u001f\u007f]/.test(text) || /\s[;#]/.test(text)) {
    throw new Error(`refusing ${JSON.stringify(text)} in a supervisord config`);
  }
  return text.replace(/%/g, '%%');
}

function quoteArg(arg: string): string {
  return SAFE_ARG.test(arg) ? value(arg) : `'${value(arg).replace(/'/g, `'"'"'`)}'`;
}

/** The `[program:x]` section for `spec`: autostart, restart whenever it exits. */
export function renderProgram(spec: ProgramSpec): string {
  if (!PROGRAM_NAME.test(spec.name)) throw new Error(`invalid program name "${spec.name}"`);
  const env = Object.entries(spec.environment ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment name "${k}"`);
    return `${k}="${value(v).replace(/["\\]/g, (c) => `\\${c}`)}"`;
  });
  const lines = [
    '; Rendered by the Hostplane node agent; changes here are overwritten.',
    `[program:${spec.name}]`,
    `command=${spec.command.map(quoteArg).join(' ')}`,
    ...(spec.directory ? [`directory=${value(spec.directory)}`] : []),
    ...(spec.user ? [`user=${value(spec.user)}`] : []),
    ...(env.length > 0 ? [`environment=${env.join(',')}`] : []),
    'autostart=true',
    'autorestart=true',
    `startsecs=${spec.startSecs ?? 1}`,
    'startretries=10',
    'stopsignal=TERM',
    `stopwaitsecs=${spec.stopWaitSecs ?? 30}`,
    'redirect_stderr=true',
    `stdout_logfile=${value(spec.logFile)}`,
    'stdout_logfile_maxbytes=10MB',
    'stdout_logfile_backups=2',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Drives a supervisord through `supervisorctl` (argument arrays, no shell): one program file per
 * supervised process in a folder this client owns, applied with `update <name>`.
 */
export class SupervisorClient {
  constructor(private readonly options: SupervisorClientOptions) {}

  programFile(name: string): string {
    return path.join(this.options.programDir, `${name}.conf`);
  }

  /** Writes the program's file if it differs and applies it (adds, or restarts a changed one). */
  async ensureProgram(spec: ProgramSpec): Promise<boolean> {
    const changed = await writeFileIfChanged(
      this.programFile(spec.name),
      renderProgram(spec),
      0o644,
    );
    if (changed || (await this.status(spec.name)) === null) await this.ctl('update', spec.name);
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
    await this.ctl('update', name);
    return existed;
  }

  /** The program's state and pid, or null when supervisord does not know it. */
  async status(name: string): Promise<{ state: ProcessState; pid: number | null } | null> {
    const { exitCode, stdout } = await this.ctl('status', name);
    if (exitCode === 4 && /no such process/.test(stdout)) return null;
    const match = /^\S+\s+([A-Z]+)\s*(.*)$/m.exec(stdout);
    if (!match) throw new Error(`unexpected supervisorctl status output: ${stdout.trim()}`);
    const pid = /pid (\d+)/.exec(match[2] ?? '');
    return { state: match[1] as ProcessState, pid: pid ? Number(pid[1]) : null };
  }

  async start(name: string): Promise<void> {
    await this.ctl('start', name);
  }

  /**
   * Stops the program (supervisorctl waits for the exit, SIGKILL after stopwaitsecs) and
   * verifies it is down, so a caller may then touch files the process would write.
   */
  async stop(name: string): Promise<void> {
    await this.ctl('stop', name);
    const state = (await this.status(name))?.state;
    if (
      state === 'RUNNING' ||
      state === 'STARTING' ||
      state === 'STOPPING' ||
      state === 'BACKOFF'
    ) {
      throw new Error(`program ${name} is still ${state} after stop`);
    }
  }

  /** Polls until the program is in `state`; returns the last status seen. */
  async waitFor(name: string, state: ProcessState, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status(name);
      if (status?.state === state || Date.now() > deadline) return status;
      await sleep(100);
    }
  }

  private async ctl(command: string, name: string) {
    const { supervisorctlPath = 'supervisorctl', configPath } = this.options;
    const args = ['-c', configPath, command, name];
    const result = await runCommand(supervisorctlPath, args, ANY_EXIT);
    // An unreachable supervisord also exits 4 or 7: say so rather than "no such process".
    const output = result.stdout + result.stderr;
    if (/no such file|refused|^error: </m.test(output)) {
      throw new CommandError(supervisorctlPath, args, result.exitCode, output);
    }
    return result;
  }
}
