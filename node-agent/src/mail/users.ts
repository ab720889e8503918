// Dovecot's passwd-files, replaced with one rename each. Dovecot re-reads one when its mtime (in
// whole seconds) or size changed, and looks at most once a second: so each new file gets an mtime
// past the old one's (a new hash of the same length in the same second would go unseen), and a
// rollout that changed one returns only once the next second began, when every lookup sees it.
import { chown, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { lookupGroup } from '../linux-users/system-accounts.js';

/** Writes `text` to `file` (0640 root:dovecot) when it differs; true if it did. */
export async function replaceUserFile(file: string, text: string): Promise<boolean> {
  if ((await readFile(file, 'utf8').catch(() => null)) === text) return false;
  const dovecot = await lookupGroup('dovecot');
  const before = await stat(file).catch(() => null);
  const next = `${file}.next`;
  await writeFile(next, text, { mode: 0o640 });
  await chown(next, 0, dovecot?.gid ?? 0);
  const seconds = Math.max(Math.floor(Date.now() / 1000), before ? Math.floor(before.mtimeMs / 1000) + 1 : 0);
  await utimes(next, seconds, seconds);
  await rename(next, file);
  return true;
}

/** Resolves once the wall clock passed the whole second after the file's mtime. */
export async function untilDovecotSees(file: string): Promise<void> {
  const { mtimeMs } = await stat(file);
  const wait = (Math.floor(mtimeMs / 1000) + 1) * 1000 + 50 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
