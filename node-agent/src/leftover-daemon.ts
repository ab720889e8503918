import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';

const isRunning = (pid: number) =>
  readFile(`/proc/${pid}/cmdline`).then(
    () => true,
    () => false,
  );

/**
 * Stops a daemon an earlier run of this agent left behind (a killed agent's child): the pid in
 * `pidFile`, and only when its command line holds `marker` (its config file or folder), so a pid
 * reused by another process is never signalled. Waits up to 5 s for it to go.
 */
export async function stopLeftoverDaemon(
  { name, pidFile, marker }: { name: string; pidFile: string; marker: string },
  logger: Logger,
): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.split('\0').includes(marker)) return;
  logger.info({ pid }, `stopping the ${name} an earlier agent left running`);
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && (await isRunning(pid)); i++) await new Promise((r) => setTimeout(r, 100));
}
