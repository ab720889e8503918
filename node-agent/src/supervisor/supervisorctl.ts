import { CommandError, runCommand, type CommandResult } from '../linux-users/run-command.js';

/** A program's state as `supervisorctl status` prints it. */
export type ProgramState = 'STOPPED' | 'STARTING' | 'RUNNING' | 'BACKOFF' | 'STOPPING' | 'EXITED' | 'FATAL' | 'UNKNOWN';

/** One line of `supervisorctl status`. */
export interface ProgramStatus {
  state: ProgramState;
  /** Set while the program runs (`pid 1234, uptime …`). */
  pid: number | null;
}

// `name   RUNNING   pid 1234, uptime 0:00:05`; error lines (`name: ERROR (no such process)`) do not match.
const STATUS_LINE = /^(\S+)\s+(STOPPED|STARTING|RUNNING|BACKOFF|STOPPING|EXITED|FATAL|UNKNOWN)\b(.*)$/;

/** The programs in `supervisorctl status` output, in order. */
export function parseStatus(stdout: string): Map<string, ProgramStatus> {
  const programs = new Map<string, ProgramStatus>();
  for (const line of stdout.split('\n')) {
    const match = STATUS_LINE.exec(line);
    if (!match) continue;
    const pid = /\bpid (\d+)/.exec(match[3] ?? '');
    programs.set(match[1]!, { state: match[2] as ProgramState, pid: pid ? Number(pid[1]) : null });
  }
  return programs;
}

/**
 * supervisorctl exit codes (LSB): 1 a failed action, 2 bad arguments, 3 for `status` some
 * program not running, 4 for `status` an unknown name (or no answer), 7 a program or supervisord
 * itself not running. `start`/`stop`/`update` print `ERROR (already started)` and the like with
 * these codes, so callers read the outcome from the output or from `status`.
 */
const ANY_EXIT_CODE = [0, 1, 2, 3, 4, 5, 6, 7];

// What supervisorctl prints when it cannot talk to supervisord (exit 4 or 7, like a plain answer).
const UNREACHABLE = /no such file|refused|^error: </m;

/**
 * `supervisorctl -c <configFile>` (argument arrays, no shell); the config's `[supervisorctl]`
 * serverurl names the supervisord. Shared by the web node's and the Valkey instances' clients.
 */
export class Supervisorctl {
  constructor(
    readonly configFile: string,
    readonly command = 'supervisorctl',
  ) {}

  /** Runs it; exit codes in `okExitCodes` are returned, any other throws a CommandError. */
  run(args: readonly string[], okExitCodes: readonly number[] = [0]): Promise<CommandResult> {
    return runCommand(this.command, ['-c', this.configFile, ...args], okExitCodes);
  }

  /**
   * Runs it and returns whatever supervisord answered, whatever the exit code; only "supervisord
   * could not be reached" throws (a CommandError), rather than reading as "no such process".
   */
  async ask(args: readonly string[]): Promise<CommandResult> {
    const result = await this.run(args, ANY_EXIT_CODE);
    const output = result.stdout + result.stderr;
    if (UNREACHABLE.test(output)) {
      throw new CommandError(this.command, ['-c', this.configFile, ...args], result.exitCode, output);
    }
    return result;
  }

  /** State of every program supervisord knows. */
  async status(): Promise<Map<string, ProgramStatus>> {
    return parseStatus((await this.ask(['status'])).stdout);
  }

  /** The program's state and pid, or null when supervisord does not know it. */
  async programStatus(name: string): Promise<ProgramStatus | null> {
    const { exitCode, stdout } = await this.ask(['status', name]);
    if (exitCode === 4 && /no such process/.test(stdout)) return null;
    const status = parseStatus(stdout).get(name);
    if (!status) throw new Error(`unexpected supervisorctl status output: ${stdout.trim()}`);
    return status;
  }
}
