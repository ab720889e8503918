// A webroot's daemons (long-running processes under supervisord) as they cross Temporal: the
// spec inside the webroot's spec, the checks the API runs before storing one and the agent again
// before rendering it, and the log-tail activity. Plain data and pure functions: workflows
// import this file (`@hostplane/contract/daemons`).
import { isRecord, type ValidationIssue } from '../webroots/validation-issue.js';

/** How supervisord brings a daemon back when it exits (`autorestart=true|unexpected|false`). */
export const DAEMON_RESTART_POLICIES = ['ALWAYS', 'ON_FAILURE', 'NEVER'] as const;
export type DaemonRestartPolicy = (typeof DAEMON_RESTART_POLICIES)[number];

/** Signals supervisord may stop a daemon with (`stopsignal=`). */
export const DAEMON_STOP_SIGNALS = ['TERM', 'INT', 'QUIT', 'HUP', 'KILL', 'USR1', 'USR2'] as const;
export type DaemonStopSignal = (typeof DAEMON_STOP_SIGNALS)[number];

/**
 * `a-z`, digits and `-`, starting with a letter, 1–24 characters. Short on purpose: the name is
 * part of the daemon's supervisord program name and of its Unix socket's path (108 bytes at most).
 */
export const DAEMON_NAME_PATTERN = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
export const MIN_DAEMON_PROCESSES = 1;
export const MAX_DAEMON_PROCESSES = 8;
export const MAX_DAEMON_STOP_WAIT_SECONDS = 300;
export const MAX_COMMAND_ARGS = 64;
export const MAX_COMMAND_BYTES = 8 * 1024;
/** Daemons per webroot (each is a program on every node of its shard). */
export const MAX_DAEMONS_PER_WEBROOT = 20;
/** Lines a log tail returns at most, per process. */
export const MAX_DAEMON_LOG_LINES = 500;

/**
 * One daemon of a webroot, as the node agent renders it. Only enabled daemons of a tenant that is
 * not suspended run; the control plane sends only the enabled ones.
 */
export interface DaemonSpec {
  name: string;
  /** Argument array (never a shell string); a relative program path is relative to the webroot folder. */
  command: string[];
  /** supervisord `numprocs`, 1–8. */
  processes: number;
  restart: DaemonRestartPolicy;
  stopSignal: DaemonStopSignal;
  /** Seconds between the stop signal and SIGKILL (`stopwaitsecs`). */
  stopWaitSeconds: number;
  /**
   * Path of the webroot's host names nginx proxies to the daemon (WebSocket upgrade included):
   * the daemon then listens on the Unix socket in its PORT and APP_SOCKET variables.
   */
  proxyPath?: string;
}

/** Why `name` cannot name a daemon, or null. */
export function daemonNameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || !DAEMON_NAME_PATTERN.test(name)) {
    return 'must be 1–24 of a-z, 0-9 and -, starting with a letter and not ending with -';
  }
  return null;
}

/** Why `command` cannot be a daemon's argument array, or null. */
export function daemonCommandProblem(command: unknown): string | null {
  if (!Array.isArray(command) || command.some((a) => typeof a !== 'string')) return 'must be a list of strings';
  if (command.length === 0 || command[0] === '') return 'must name a program';
  if (command.length > MAX_COMMAND_ARGS) return `must have at most ${MAX_COMMAND_ARGS} arguments`;
  if (new TextEncoder().encode(command.join(' ')).length > MAX_COMMAND_BYTES) {
    return `must be at most ${MAX_COMMAND_BYTES} bytes`;
  }
  if (command.some((a: string) => /[\u0000-\u001f\u007f]/.test(a))) {
    return 'cannot contain line breaks or other control characters';
  }
  return null;
}

/**
 * Why `path` cannot be a proxy path, or null: `/` and segments of letters, digits, `.`, `_`, `~`
 * and `-` (none starting with `.`: no `..`, no `.well-known`), no trailing `/`, at most 128
 * characters. Never `/` itself: that is the webroot's own site or app.
 */
export function proxyPathProblem(path: unknown): string | null {
  if (typeof path !== 'string' || path.length > 128 || !/^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$/.test(path)) {
    return 'must be a path such as /ws: segments of letters, digits, . _ ~ - (not starting with .), no trailing /, not / itself';
  }
  return null;
}

const inRange = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** Checks one daemon spec; `prefix` goes before each field (`daemons.2.`). */
export function daemonIssues(spec: unknown, prefix = ''): ValidationIssue[] {
  if (!isRecord(spec)) return [{ field: prefix.replace(/\.$/, ''), message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  const add = (field: string, message: string | null) => {
    if (message) issues.push({ field: `${prefix}${field}`, message });
  };
  add('name', daemonNameProblem(spec.name));
  add('command', daemonCommandProblem(spec.command));
  add(
    'processes',
    inRange(spec.processes, MIN_DAEMON_PROCESSES, MAX_DAEMON_PROCESSES)
      ? null
      : `must be ${MIN_DAEMON_PROCESSES}–${MAX_DAEMON_PROCESSES}`,
  );
  add(
    'restart',
    DAEMON_RESTART_POLICIES.includes(spec.restart as DaemonRestartPolicy)
      ? null
      : `must be one of ${DAEMON_RESTART_POLICIES.join(', ')}`,
  );
  add(
    'stopSignal',
    DAEMON_STOP_SIGNALS.includes(spec.stopSignal as DaemonStopSignal)
      ? null
      : `must be one of ${DAEMON_STOP_SIGNALS.join(', ')}`,
  );
  add(
    'stopWaitSeconds',
    inRange(spec.stopWaitSeconds, 1, MAX_DAEMON_STOP_WAIT_SECONDS) ? null : `must be 1–${MAX_DAEMON_STOP_WAIT_SECONDS}`,
  );
  if (spec.proxyPath !== undefined) add('proxyPath', proxyPathProblem(spec.proxyPath));
  return issues;
}

/** A webroot spec's `daemons`: each one, plus names and proxy paths used twice. */
export function daemonsIssues(daemons: unknown): ValidationIssue[] {
  if (daemons === undefined) return [];
  if (!Array.isArray(daemons)) return [{ field: 'daemons', message: 'must be a list' }];
  if (daemons.length > MAX_DAEMONS_PER_WEBROOT) {
    return [{ field: 'daemons', message: `must have at most ${MAX_DAEMONS_PER_WEBROOT} daemons` }];
  }
  const names = new Set<unknown>();
  const paths = new Set<unknown>();
  return daemons.flatMap((spec: unknown, i) => {
    const issues = daemonIssues(spec, `daemons.${i}.`);
    const { name, proxyPath } = (isRecord(spec) ? spec : {}) as { name?: unknown; proxyPath?: unknown };
    if (names.has(name)) issues.push({ field: `daemons.${i}.name`, message: 'is listed twice' });
    if (proxyPath !== undefined && paths.has(proxyPath)) {
      issues.push({ field: `daemons.${i}.proxyPath`, message: 'is used by another daemon' });
    }
    names.add(name);
    paths.add(proxyPath);
    return issues;
  });
}

/** The last lines one process of a daemon wrote (stdout and stderr together). */
export interface DaemonProcessLog {
  /** supervisord's process number, 0 … processes − 1. */
  process: number;
  lines: string[];
}

/** Which daemon's log to read on a node. */
export interface DaemonLogRequest {
  tenant: string;
  webroot: string;
  daemon: string;
  /** 1 … MAX_DAEMON_LOG_LINES per process. */
  lines: number;
}

/** Web-node activities of daemons (task queue `node-<id>`); their programs come with ensureWebroot. */
export interface DaemonActivities {
  /** The end of each process's log of the daemon on this node (none when it never ran here). */
  readDaemonLog(request: DaemonLogRequest): Promise<DaemonProcessLog[]>;
}
