import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { WebError } from './errors.js';

// The tenant owns its home and can swap any folder in it for a symlink (to /etc, or to another
// tenant's home). So every step below the trusted home root is opened relative to its parent's
// descriptor (`/proc/self/fd/N/child`, the openat of Node) with O_NOFOLLOW: a symlink is
// refused, never followed, and chown/chmod/setfacl act on the descriptor, not on a path.
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;
const WEBROOT_MODE = 0o755;

const at = (parent: FileHandle, name: string) => `/proc/self/fd/${parent.fd}/${name}`;

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
 * Lets `user` (nginx's workers) pass through the given folders without listing them: the
 * tenant's home stays 0750, and static files are served only from webroots. Through the
 * descriptors (as fd 3, 4, … of setfacl), so a swapped-in symlink cannot redirect it.
 */
function grantTraverse(user: string, handles: FileHandle[]): Promise<void> {
  const paths = handles.map((_, i) => `/proc/self/fd/${i + 3}`);
  return new Promise((resolve, reject) => {
    const child = spawn('setfacl', ['-m', `u:${user}:x`, ...paths], {
      stdio: ['ignore', 'ignore', 'pipe', ...handles.map((h) => h.fd)],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`setfacl failed: ${stderr.trim()}`))));
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

  /** Deletes a webroot's folder and everything in it (the tenant's files); absent is fine. */
  async remove(webroot: string): Promise<void> {
    await rm(at(this.handles.at(-1)!, webroot), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await Promise.all(this.handles.map((h) => h.close()));
  }
}
