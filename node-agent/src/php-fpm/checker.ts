import path from 'node:path';
import { CommandError, runCommand } from '../linux-users/run-command.js';

// Follow-up lines php-fpm prints after the real error; they add nothing for a tenant.
const NOISE = /FPM initialization failed|failed to load configuration|Unable to include/;

/**
 * `php-fpm -t -y <conf>`: null when valid, else php-fpm's ERROR lines without timestamps, the
 * candidate folder shown as the live one (where the file would have been).
 */
export async function checkFpmConfig(
  binary: string,
  conf: string,
  candidateDir: string,
  liveDir: string,
): Promise<string | null> {
  try {
    await runCommand(binary, ['-t', '-y', conf]);
    return null;
  } catch (error) {
    if (!(error instanceof CommandError) || error.exitCode === null) throw error;
    const lines = error.stderr.split('\n').filter((l) => l.includes('ERROR:') && !NOISE.test(l));
    const text = lines.map((l) => l.replace(/^\[[^\]]*\] ERROR: /, '')).join('\n');
    return (text || error.stderr.trim()).split(candidateDir).join(liveDir);
  }
}

/** The pool file php-fpm's message blames: `[pool web_x]` or `[<liveDir>/web_x.conf:3]`. */
export function blamePool(message: string, liveDir: string): string | null {
  const pool = /\[pool (web_[a-z0-9]{10})\]/.exec(message)?.[1];
  if (pool) return `${pool}.conf`;
  const file = /\[(\/\S+?\.conf):\d+\]/.exec(message)?.[1];
  return file && path.dirname(file) === liveDir ? path.basename(file) : null;
}
