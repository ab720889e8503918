// Cron jobs on a node: what the run workflow sends the node agent and what it answers, and the
// bounds the API checks before storing a job and the agent again before running one. Plain data
// and types only: workflows import this inside their deterministic bundle.
import type { WebrootEnvEntry } from '../webroots/environment.js';

/** One run of a cron job, as the node agent carries it out. */
export interface CronRunSpec {
  /** The CronJob row id (logs, the process title); never a path. */
  jobId: string;
  /** The tenant's Linux account (Tenant.name) and its UID: the run is that user, nothing more. */
  tenant: string;
  uid: number;
  /** The webroot's name: the run's working folder is `<home>/<tenant>/webroots/<webroot>`. */
  webroot: string;
  /** The program and its arguments (no shell unless the job asks for one itself). */
  command: string[];
  /** The whole process group is killed this long after the start. */
  timeoutSeconds: number;
  /** The webroot's variables and secrets (secrets opened by the worker; sealed in transit). */
  env?: WebrootEnvEntry[];
}

/** How a run ended. */
export interface CronRunResult {
  /** The exit code, or null when a signal ended it (or it never started). */
  exitCode: number | null;
  /** The signal that ended it (`SIGKILL` after a timeout), or null. */
  signal: string | null;
  /** Killed at its timeout. */
  timedOut: boolean;
  durationMs: number;
  /** The last CRON_OUTPUT_TAIL_BYTES of stdout and stderr together (UTF-8, a cut character replaced). */
  output: string;
  /** Earlier output was dropped. */
  outputTruncated: boolean;
  /** When the process started (ISO 8601), on the node's clock. */
  startedAt: string;
}

/** One run of a tick's batch: its history row's id (the run's key on the node) and what to run. */
export interface CronBatchRun {
  runId: string;
  spec: CronRunSpec;
}

/** How one run of a batch ended, or why the agent refused to start it (a spec it found bad). */
export type CronBatchOutcome = { runId: string; result: CronRunResult } | { runId: string; refused: string };

/** The node agent's cron activities (task queue `node-<id>`), as the workflows proxy them. */
export interface CronActivities {
  /** Runs the job once as the tenant in its webroot; never retried by the workflow (at most once per tick). */
  runCronJob(spec: CronRunSpec): Promise<CronRunResult>;
  /**
   * A tick's runs on this node, started side by side (each its own contained process with its
   * timeout). Resolves with the runs that ended once one has and the others had
   * CRON_BATCH_SETTLE_MS more to end too (or all have): the caller records those and asks again
   * for the rest with `continuing`, which starts nothing (a run the agent does not know, as after
   * its restart, is refused as lost). A run id this agent started already is never started again:
   * a repeated batch waits for the first start's outcome.
   */
  runCronBatch(runs: CronBatchRun[], options?: { continuing?: boolean }): Promise<CronBatchOutcome[]>;
}

/** How long a batch's answer waits, after its first run ended, for others to end as well. */
export const CRON_BATCH_SETTLE_MS = 2_000;

/** Failure types of the cron activity no retry can fix (a spec the agent refuses). */
export const CRON_ERROR_TYPES = ['InvalidCronRun'] as const;

/** Output kept per run: the tail, bounded so a chatty job cannot fill the database. */
export const CRON_OUTPUT_TAIL_BYTES = 16 * 1024;

/** Bounds of a job's timeout, in seconds (a run holds a node activity slot that long at most). */
export const CRON_TIMEOUT_SECONDS = { min: 1, max: 6 * 3600, default: 300 } as const;

/** Bounds of the consecutive failures after which a job disables itself. */
export const CRON_MAX_FAILURES = { min: 1, max: 100, default: 5 } as const;

/** Most arguments and bytes per argument of a job's command. */
export const CRON_COMMAND_LIMITS = { args: 64, argBytes: 4096 } as const;

/** Why `command` cannot be run, or null when it can (the API's check and the agent's). */
export function cronCommandProblem(command: unknown): string | null {
  if (!Array.isArray(command) || command.length === 0) return 'must hold at least the program';
  if (command.length > CRON_COMMAND_LIMITS.args) return `holds more than ${CRON_COMMAND_LIMITS.args} arguments`;
  for (const arg of command) {
    if (typeof arg !== 'string') return 'must hold strings only';
    if (new TextEncoder().encode(arg).length > CRON_COMMAND_LIMITS.argBytes) {
      return `has an argument longer than ${CRON_COMMAND_LIMITS.argBytes} bytes`;
    }
    if (arg.includes('\u0000')) return 'cannot contain NUL characters';
  }
  if ((command[0] as string).trim() === '') return 'must start with a program';
  return null;
}
