import { spawn } from 'node:child_process';
import path from 'node:path';
import { CRON_OUTPUT_TAIL_BYTES, type CronRunResult } from '@hostplane/contract/cron-jobs';
import { childrenOf } from '../webroots/process.js';

/** One process to run as a tenant, already checked (./activities.ts). */
export interface CronProcess {
  uid: number;
  /** The working folder; entered as the tenant (a link it planted there gets only its rights). */
  cwd: string;
  argv: readonly string[];
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  /** Output kept (the tail); CRON_OUTPUT_TAIL_BYTES unless a test asks for less. */
  tailBytes?: number;
}

/**
 * Each run is PID 1 of a PID namespace of its own: when it ends, however it ends, the kernel
 * kills every process left in the namespace. A process group is not enough: a job leaves it with
 * `setsid` (or a double fork) and would outlive its timeout. `--fork` makes the job the
 * namespace's first process; `--kill-child` ends it should unshare die first. No `--mount-proc`:
 * it needs a mount namespace with private propagation of `/`, which a node whose `/` is not a
 * mount point (a chroot, as in CI) refuses; the job sees the node's /proc, as any tenant
 * process does, and the containment is the PID namespace's, not /proc's.
 */
const UNSHARE = ['/usr/bin/unshare', '--pid', '--fork', '--kill-child', '--'] as const;

/**
 * Drops to the tenant (UID and GID, no supplementary groups) before anything else runs, then
 * enters the folder as the tenant and becomes the job: a `cd` as root would follow a symlink
 * the tenant put in its own home with root's rights.
 */
const SETPRIV = '/usr/bin/setpriv';
const ENTER = 'cd -- "$1" || exit 126; shift; exec "$@"';

/** The last `limit` bytes written, whatever the chunk sizes. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit) {
      const first = this.chunks[0]!;
      const excess = this.size - this.limit;
      this.truncated = true;
      if (first.length <= excess) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  /** UTF-8; a character the cut split in two becomes U+FFFD. */
  text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

const kill = (pid: number) => {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
};

/**
 * Ends a run: unshare's process group first (so the job's end is reported as SIGKILL), then the
 * namespace's init by its PID, which takes the whole namespace with it. The init is killed by
 * PID because the job may have left the group with setsid, and dropping to the tenant cleared
 * the parent-death signal `--kill-child` had set.
 */
function killRun(unsharePid: number): void {
  const inits = childrenOf(unsharePid); // the namespace's first process: unshare's forked child
  kill(-unsharePid);
  inits.forEach(kill);
}

/**
 * Runs the process as PID 1 of its own PID namespace and resolves once it has ended. At the
 * timeout the namespace is killed: every process the job started goes with it, one that left
 * the group with setsid or a double fork included. When the job exits on its own, what it left
 * running dies with the namespace too — on purpose: a run never outlives its record (the next
 * tick's FORBID check, the history's duration, the timeout all assume it), and long-running
 * processes are what daemons are for.
 */
export function runCronProcess(proc: CronProcess): Promise<CronRunResult> {
  const tail = new Tail(proc.tailBytes ?? CRON_OUTPUT_TAIL_BYTES);
  const args = [
    ...UNSHARE.slice(1),
    SETPRIV,
    `--reuid=${proc.uid}`,
    `--regid=${proc.uid}`,
    '--clear-groups',
    '--',
    '/bin/sh',
    '-c',
    ENTER,
    'hostplane-cron',
    path.resolve(proc.cwd),
    ...proc.argv,
  ];
  const startedAt = new Date();
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(UNSHARE[0], args, {
      cwd: '/',
      env: { ...proc.env },
      detached: true, // its own process group: unshare and the job are killed as one
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killRun(child.pid);
    }, proc.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => tail.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => tail.push(chunk));
    const finish = (exitCode: number | null, signal: string | null, note?: string) => {
      clearTimeout(timer);
      if (note) tail.push(Buffer.from(note));
      resolve({
        exitCode,
        signal,
        timedOut,
        durationMs: Math.round(performance.now() - started),
        output: tail.text(),
        outputTruncated: tail.truncated,
        startedAt: startedAt.toISOString(),
      });
    };
    child.on('error', (error) => finish(null, null, `could not start: ${error.message}\n`));
    child.on('exit', (code, signal) => {
      // unshare ends after its init, and the kernel has killed the namespace with it: nothing of
      // the run is left to signal. The timer goes now, not at 'close': once reaped, unshare's
      // pid may be another process's.
      clearTimeout(timer);
      // 'close' follows once the pipes drained; the namespace is dead, so it comes at once.
      child.once('close', () => finish(code, signal));
    });
  });
}
