import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rmdir, unlink, type FileHandle } from 'node:fs/promises';
import { WebError } from './errors.js';

// The tenant owns its home and can swap any folder in it for a symlink (to /etc, or to another
// tenant's home). So every step below the trusted home root is opened relative to its parent's
// descriptor (`/proc/self/fd/N/child`, the openat of Node) with O_NOFOLLOW: a symlink is
// refused, never followed, and chown/chmod/setfacl act on the descriptor, not on a path.
export const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const WEBROOT_MODE = 0o755;

/** `name` inside the folder `parent` is open on: the path the kernel resolves from that descriptor. */
export const at = (parent: FileHandle, name: string) => `/proc/self/fd/${parent.fd}/${name}`;

async function openChild(parent: FileHandle, name: string, shown: string): Promise<FileHandle> {
  return open(at(parent, name), DIR_FLAGS).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP' || error.code === 'ENOTDIR') {
      throw new WebError('WebrootConflict', `${shown} exists but is not a directory`);
    }
    throw error;
  });
}

/** Opens (creating if missing) `name` under `parent`, owned by uid:uid with `mode`. */
async function ensureChild(parent: FileHandle, name: string, uid: number, shown: string): Promise<FileHandle> {
  await mkdir(at(parent, name), { mode: WEBROOT_MODE }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const handle = await openChild(parent, name, shown);
  const stat = await handle.stat();
  if (stat.uid !== uid || stat.gid !== uid || (stat.mode & 0o7777) !== WEBROOT_MODE) {
    await handle.chown(uid, uid);
    await handle.chmod(WEBROOT_MODE); // explicit: mkdir's mode is masked by the umask
  }
  return handle;
}

/** Opens `<homeRoot>/<tenant>/webroots`, checking both belong to the tenant. */
async function openWebroots(homeRoot: string, tenant: string, uid: number): Promise<FileHandle[]> {
  const handles: FileHandle[] = [];
  try {
    handles.push(await open(homeRoot, constants.O_RDONLY | constants.O_DIRECTORY));
    let shown = homeRoot;
    for (const name of [tenant, 'webroots']) {
      shown = `${shown}/${name}`;
      const handle = await openChild(handles.at(-1)!, name, shown).catch((error: NodeJS.ErrnoException) => {
        // Retryable: the tenant's account is created by its own activity, maybe just now.
        if (error.code === 'ENOENT') throw new Error(`${shown} is missing: is tenant ${tenant} set up on this node?`);
        throw error;
      });
      handles.push(handle);
      if ((await handle.stat()).uid !== uid)
        throw new WebError('WebrootConflict', `${shown} is not owned by uid ${uid}`);
    }
    return handles;
  } catch (error) {
    await Promise.all(handles.map((h) => h.close()));
    throw error;
  }
}

/**
 * Runs `setfacl <args> <each handle>` on open descriptors (as fd 3, 4, … of setfacl), so a
 * swapped-in symlink cannot redirect it.
 */
export function setAclOn(args: readonly string[], handles: readonly FileHandle[]): Promise<void> {
  const paths = handles.map((_, i) => `/proc/self/fd/${i + 3}`);
  return new Promise((resolve, reject) => {
    const child = spawn('setfacl', [...args, ...paths], {
      stdio: ['ignore', 'ignore', 'pipe', ...handles.map((h) => h.fd)],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`setfacl failed: ${stderr.trim()}`))));
  });
}

/**
 * Lets `user` (nginx's workers) pass through the given folders without listing them: the
 * tenant's home stays 0750, and static files are served only from webroots.
 */
const grantTraverse = (user: string, handles: FileHandle[]) => setAclOn(['-m', `u:${user}:x`], handles);

const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
};

/**
 * Deletes `name` under the folder `parent` is open on, and all below it, as root but without
 * following a link: every folder is opened O_NOFOLLOW relative to its parent's descriptor, and
 * each entry is unlinked or removed in the folder that descriptor pins. A folder the tenant swaps
 * for a link between two steps is opened as ELOOP and unlinked as the link it now is; the
 * tenant's other processes (a shell, cron) may run meanwhile. (A path-based `rm -r` as root
 * readdir'ed and unlinked through such a link: another tenant's files went with it.)
 */
export async function removeTree(parent: FileHandle, name: string, attempt = 0): Promise<void> {
  const entry = at(parent, name);
  const stat = await lstat(entry).catch((error: NodeJS.ErrnoException) => (ignoreMissing(error), null));
  if (!stat) return;
  if (!stat.isDirectory()) return unlink(entry).catch(ignoreMissing);
  const dir = await open(entry, DIR_FLAGS).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP' || error.code === 'ENOTDIR') return null; // swapped since lstat
    ignoreMissing(error);
    return null;
  });
  if (!dir) {
    // Whatever it is now, looked at again; a tenant swapping it forever makes this a retry later.
    if (attempt >= 10) throw new Error(`${name} keeps changing while it is deleted`);
    return removeTree(parent, name, attempt + 1);
  }
  try {
    for (const child of await readdir(`/proc/self/fd/${dir.fd}`)) await removeTree(dir, child);
  } finally {
    await dir.close();
  }
  await rmdir(entry).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOTDIR') return unlink(entry).catch(ignoreMissing); // a link again
    ignoreMissing(error);
  });
}

/**
 * A tenant's `webroots` folder, opened safely once for a batch of webroots of that tenant:
 * nginx is granted traverse on the way in, then each webroot folder is created or repaired.
 */
export class TenantWebroots {
  private constructor(
    private readonly handles: FileHandle[],
    private readonly shown: string,
    private readonly uid: number,
  ) {}

  /** Opens `<homeRoot>/<tenant>/webroots` (both owned by `uid`) and lets `webUser` traverse them. */
  static async open(homeRoot: string, tenant: string, uid: number, webUser: string | null) {
    const handles = await openWebroots(homeRoot, tenant, uid);
    const dirs = new TenantWebroots(handles, `${homeRoot}/${tenant}/webroots`, uid);
    if (webUser)
      await grantTraverse(webUser, handles.slice(1)).catch(async (error) => {
        await dirs.close();
        throw error;
      });
    return dirs;
  }

  /** Ensures `<webroot>/<documentRoot…>` exist, owned by the tenant, mode 0755. */
  async ensure(webroot: string, documentRoot: string): Promise<void> {
    const opened: FileHandle[] = [];
    let parent = this.handles.at(-1)!;
    let shown = this.shown;
    try {
      for (const segment of [webroot, ...documentRoot.split('/').filter(Boolean)]) {
        shown = `${shown}/${segment}`;
        parent = await ensureChild(parent, segment, this.uid, shown);
        opened.push(parent);
      }
    } finally {
      await Promise.all(opened.map((h) => h.close()));
    }
  }

  /**
   * Deletes a webroot's folder and everything in it (the tenant's files); absent is fine. Never
   * through a link: see removeTree. A tenant process still changing the tree can make it fail
   * (ENOTEMPTY), never reach outside it; the activity's retry finishes the job.
   */
  async remove(webroot: string): Promise<void> {
    await removeTree(this.handles.at(-1)!, webroot);
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close()));
  }
}
