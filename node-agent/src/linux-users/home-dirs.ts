import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { TenantUserError } from './errors.js';

/** Subfolders every tenant home has, with their modes (`.ssh` must be private for sshd). */
export const HOME_SUBDIRS: ReadonlyArray<{ name: string; mode: number }> = [
  { name: 'webroots', mode: 0o750 },
  { name: 'logs', mode: 0o750 },
  { name: 'tmp', mode: 0o750 },
  { name: '.ssh', mode: 0o700 },
];

export const HOME_MODE = 0o750;

/**
 * Creates `dir` if missing and sets owner and mode. Ownership and mode are applied through a
 * descriptor opened with O_NOFOLLOW: the tenant owns its home, so it could swap a subfolder for a
 * symlink to /etc — a path-based chown/chmod as root would then follow it.
 */
async function ensureOwnedDir(dir: string, uid: number, mode: number): Promise<boolean> {
  let created = true;
  try {
    await mkdir(dir, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  const flags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
  const handle = await open(dir, flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP' || error.code === 'ENOTDIR') {
      throw new TenantUserError('TenantUserConflict', `${dir} exists but is not a directory`);
    }
    throw error;
  });
  try {
    const stat = await handle.stat();
    const changed = created || stat.uid !== uid || stat.gid !== uid || (stat.mode & 0o7777) !== mode;
    if (changed) {
      await handle.chown(uid, uid);
      await handle.chmod(mode); // after chown, and explicit: mkdir's mode is masked by umask
    }
    return changed;
  } finally {
    await handle.close();
  }
}

/** Ensures `<homeRoot>/<name>` and its subfolders exist, owned by uid:uid; true if it changed any. */
export async function ensureHome(homeRoot: string, name: string, uid: number): Promise<boolean> {
  await mkdir(homeRoot, { recursive: true, mode: 0o755 });
  const home = path.join(homeRoot, name);
  let changed = await ensureOwnedDir(home, uid, HOME_MODE);
  for (const sub of HOME_SUBDIRS) {
    changed = (await ensureOwnedDir(path.join(home, sub.name), uid, sub.mode)) || changed;
  }
  return changed;
}
