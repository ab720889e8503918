import { execFile } from 'node:child_process';

/** A system command exited non-zero (or could not start). Retryable: most causes are transient. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly command: string,
    readonly args: readonly string[],
    /** Exit code, or null when the process could not be started or was killed by a signal. */
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command} ${args.join(' ')} failed (exit ${exitCode ?? 'none'}): ${stderr.trim()}`);
  }
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program with an argument array — never through a shell, so no argument can be
 * reinterpreted as shell syntax. Exit codes listed in `okExitCodes` are returned, not thrown:
 * several tools report "nothing to do" (absent user, no matching process) with a distinct code.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  okExitCodes: readonly number[] = [0],
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      if (exitCode !== null && okExitCodes.includes(exitCode)) {
        resolve({ exitCode, stdout, stderr });
        return;
      }
      reject(new CommandError(command, args, exitCode, stderr || (error?.message ?? '')));
    });
  });
}
