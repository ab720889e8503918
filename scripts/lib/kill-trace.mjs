// Who killed vitest? Two CI runs ended with vitest (or its whole process group) killed by SIGKILL
// mid-run, with nothing in the output to say who sent it; no run on the developers' machines did.
// As root, the kernel's signal tracepoint records every SIGKILL sent during the run (and the OOM
// killer's victims), so a run that dies that way names the sender in its last lines. Without root
// or tracefs this does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TRACING = '/sys/kernel/tracing';
const SIGNAL = `${TRACING}/events/signal/signal_generate`;
const OOM = `${TRACING}/events/oom/mark_victim`;

function write(file, text) {
  try {
    writeFileSync(file, text);
    return true;
  } catch {
    return false;
  }
}

/** Starts recording SIGKILLs and OOM kills; null when the kernel's tracing is out of reach. */
export function startKillTrace() {
  if (process.getuid?.() !== 0) return null;
  if (!existsSync(SIGNAL)) {
    try {
      execFileSync('mount', ['-t', 'tracefs', 'nodev', TRACING], { stdio: 'ignore' });
    } catch {
      return null;
    }
  }
  const enabled = [SIGNAL, OOM].filter((event) => existsSync(event));
  if (!write(`${SIGNAL}/filter`, 'sig == 9')) return null;
  write(`${TRACING}/buffer_size_kb`, '4096');
  write(`${TRACING}/trace`, ''); // empties the buffer: only this run's kills
  for (const event of enabled) write(`${event}/enable`, '1');
  write(`${TRACING}/tracing_on`, '1');
  return {
    /** The recorded kills of `pid` (or every OOM kill), each with its sender; tracing is switched off. */
    stop(pid) {
      let lines = [];
      try {
        lines = readFileSync(`${TRACING}/trace`, 'utf8').split('\n');
      } catch {
        // tracing went away: nothing to say
      }
      for (const event of enabled) write(`${event}/enable`, '0');
      write(`${SIGNAL}/filter`, '0');
      return lines
        .filter((line) => line.includes(`pid=${pid} `) || line.includes('mark_victim'))
        .map((line) => {
          // "  <comm>-<pid>  [cpu] flags  time: signal_generate: sig=9 … comm=<target> pid=<n> …"
          const sender = /^\s*(.+?)-(\d+)\s+\[/.exec(line);
          const cmdline = sender ? commandLine(sender[2]) : null;
          return `${line.trim()}${cmdline ? `\n    sender still runs: ${cmdline}` : ''}`;
        });
    },
  };
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 300);
  } catch {
    return null;
  }
}
