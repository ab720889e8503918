import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The pid in `pidFile` when that process is alive and its command line names `marker` (the
 * daemon's own config file), else null (no file, stale file). Pids wrap (32,768 by default), so a
 * stale file's pid may be another process by now: without the check the agent would take it for
 * its daemon, and signal it to reload or stop.
 */
export async function runningPid(pidFile: string, marker: string): Promise<number | null> {
  const text = await readFile(pidFile, 'utf8').catch(() => '');
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 1 || !isAlive(pid)) return null;
  // nginx and php-fpm retitle their master ("nginx: master process … -c <conf>"): one string.
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.replaceAll('\0', ' ').includes(marker) ? pid : null;
}

/** `pid`'s children now (none once it is gone). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // gone: no children
  }
}

/**
 * Whether `pid` runs. Signal 0 checks existence without sending anything; a zombie (exited, not
 * yet reaped by its parent) still exists, so its /proc state is checked too.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Polls `check` until it returns a value other than undefined/false. Daemons answer signals
 * asynchronously (php-fpm re-execs on USR2, HAProxy forks a new worker), so callers that must
 * not race the next step wait for the observable effect.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const result = await check();
    if (result !== undefined && result !== false) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(delay);
  }
}

/**
 * Sends `signal` and waits until the process is gone (graceful stops take a moment). With `fast`,
 * a process still there after `fast.afterMs` gets `fast.signal` (the daemon's fast stop): a
 * request in flight — a tenant's script that sleeps, say — must not hold a stop up for long.
 */
export async function stopProcess(
  pid: number,
  signal: NodeJS.Signals,
  timeoutMs = 10_000,
  fast?: { signal: NodeJS.Signals; afterMs: number },
) {
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
      return true;
    } catch {
      return false; // already gone
    }
  };
  const exited = (ms: number) =>
    waitFor(`process ${pid} to exit`, () => !isAlive(pid), ms).then(
      () => true,
      () => false,
    );
  if (!send(signal)) return;
  if (fast && ((await exited(fast.afterMs)) || !send(fast.signal))) return;
  if (!(await exited(timeoutMs))) throw new Error(`process ${pid} still runs ${timeoutMs} ms after ${signal}`);
}

/** How long a daemon's graceful stop may take before its fast one, when the agent stops it. */
export const FAST_STOP = { signal: 'SIGTERM', afterMs: 3_000 } as const;
