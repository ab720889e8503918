import { chown, readFile, rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `content` to `file` only if it differs: beside it first, then renamed, so a reader
 * (redis-server at start, supervisord on update) never sees a half-written file.
 * True if the file changed.
 */
export async function writeFileIfChanged(
  file: string,
  content: string,
  mode: number,
  owner?: { uid: number; gid: number },
): Promise<boolean> {
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === content) return false;
  const partial = `${file}.partial`;
  await rm(partial, { force: true }); // a crash's leftover would keep its old mode
  await writeFile(partial, content, { mode });
  if (owner) await chown(partial, owner.uid, owner.gid);
  await rename(partial, file);
  return true;
}
