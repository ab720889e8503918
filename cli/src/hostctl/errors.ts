/** hostctl's exit codes: the contract scripts rely on. */
export const EXIT = {
  /** Done as asked. */
  OK: 0,
  /** The API refused or the resource FAILED: userErrors, a top-level error, a FAILED status. */
  FAILED: 1,
  /** The command line or configuration is wrong; nothing was sent. */
  USAGE: 2,
} as const;

/** A bad command line detected after commander's own checks (a malformed cluster file, …). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command has already told the user why (e.g. printed userErrors); exit with `code`. */
export class ExitCodeError extends Error {
  override readonly name = 'ExitCodeError';

  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
