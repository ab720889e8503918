import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';
import {
  DAEMON_NAME_PATTERN,
  MAX_DAEMON_LOG_LINES,
  MAX_DAEMON_PROCESSES,
  type DaemonLogRequest,
  type DaemonProcessLog,
} from '@hostplane/contract/daemons';
import { WEBROOT_NAME_PATTERN } from '@hostplane/contract/webroots';
import { daemonLogFile } from './render.js';

/** Bytes read from the end of a log: a tail is bounded however long its lines are. */
const MAX_TAIL_BYTES = 256 * 1024;

/**
 * The last `lines` lines of each process's log of a daemon (supervisord writes them, as root, in
 * the agent-owned log folder: no tenant can put a link there). Names are checked here again, so
 * a request never reaches another path; a process without a log (never ran here) is left out.
 */
export async function readDaemonLog(logDir: string, request: DaemonLogRequest): Promise<DaemonProcessLog[]> {
  const { webroot, daemon, lines } = request;
  if (!WEBROOT_NAME_PATTERN.test(String(webroot)) || !DAEMON_NAME_PATTERN.test(String(daemon))) {
    throw new NonRetryableError('InvalidDaemonLogRequest', `bad daemon ${String(webroot)}/${String(daemon)}`);
  }
  if (!Number.isInteger(lines) || lines < 1 || lines > MAX_DAEMON_LOG_LINES) {
    throw new NonRetryableError('InvalidDaemonLogRequest', `lines must be 1–${MAX_DAEMON_LOG_LINES}`);
  }
  const logs: DaemonProcessLog[] = [];
  for (let process = 0; process < MAX_DAEMON_PROCESSES; process++) {
    const text = await readEnd(path.join(logDir, daemonLogFile(webroot, daemon, process)));
    if (text === null) continue;
    const all = text.split('\n');
    if (all.at(-1) === '') all.pop();
    logs.push({ process, lines: all.slice(-lines) });
  }
  return logs;
}

/** The last MAX_TAIL_BYTES of `file` (from its first whole line), or null when it does not exist. */
async function readEnd(file: string): Promise<string | null> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return null;
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, MAX_TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    return length < size ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}
