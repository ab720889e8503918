/**
 * Where app webroots listen: one Unix socket per app, `<root>/<tenant>/s/<webroot>.sock`, never a
 * loopback port. Any tenant could bind a port before the app it was meant for (and so receive
 * that app's logins and cookies) or use the whole range up; a socket's folder is a door the
 * kernel keeps shut instead:
 *
 * - `<root>` is the agent's own (root, 0711): no tenant can create, rename or replace anything
 *   in it, so no tenant can plant another tenant's folder before the agent makes it.
 * - `<root>/<tenant>`, the gate, is root's too (0710 with an ACL): only the tenant and nginx's
 *   workers may pass through, every other user is refused at the door.
 * - `<root>/<tenant>/s` holds the sockets: root's, sticky and writable by whoever got through the
 *   gate (1733, like /tmp but unlistable). The tenant's apps create their sockets there and may
 *   remove only their own. Its default ACL gives nginx's workers read-write on each socket an
 *   app creates (connect() needs write permission on the socket file).
 *
 * Why the sticky folder, when the tenant's own folder did before: the tenant could replace its
 * own socket with a link to another tenant's, and nginx, which may enter every tenant's folder,
 * followed it (the tenant's host names then served the other tenant's app). In a sticky,
 * world-writable folder the kernel follows a link only for the link's owner or the folder's
 * (`fs.protected_symlinks`, which the agent makes sure is on), so nginx refuses such a link.
 *
 * The agent acts in those folders as root only through descriptors opened with O_NOFOLLOW and
 * removes entries without following them (dirs.ts), so a link the tenant plants never makes the
 * agent touch another path.
 */
import { lstat, mkdir, open, readdir, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { at, DIR_FLAGS, removeTree, setAclOn } from '../webroots/dirs.js';
import { WebError } from '../webroots/errors.js';

const TENANT_NAME = /^t_[a-z0-9]{10}$/;
const WEBROOT_NAME = /^web_[a-z0-9]{10}$/;
const SOCKET_FILE = /^(web_[a-z0-9]{10})\.sock$/;
/** The sockets' folder inside a tenant's gate (one letter: a socket's path is short). */
const SOCKET_DIR = 's';
/** sun_path holds 108 bytes, its terminating NUL included. */
const MAX_SOCKET_PATH = 107;
const ROOT_MODE = 0o711;
/** What `setfacl --set` below leaves as the gate's mode (the group bits show the ACL mask). */
const GATE_MODE = 0o710;
/** Sticky and writable by all who reach it: what `fs.protected_symlinks` protects. */
const SOCKET_DIR_MODE = 0o1733;
const PROTECTED_SYMLINKS = '/proc/sys/fs/protected_symlinks';

const ignore =
  (...codes: string[]) =>
  (error: NodeJS.ErrnoException) => {
    if (!codes.includes(error.code ?? '')) throw error;
    return null;
  };

let symlinksProtected = false;

/**
 * Turns `fs.protected_symlinks` on (Debian's default, off on some kernels and containers): without
 * it nginx would follow a tenant's link to another tenant's socket. Apps fail rather than run
 * without it.
 */
async function protectSymlinks(): Promise<void> {
  if (symlinksProtected) return;
  const current = async () => (await readFile(PROTECTED_SYMLINKS, 'utf8').catch(() => '')).trim();
  if ((await current()) !== '1') await writeFile(PROTECTED_SYMLINKS, '1').catch(() => undefined);
  if ((await current()) !== '1') {
    throw new WebError(
      'RuntimeUnavailable',
      `fs.protected_symlinks is off and the agent cannot turn it on (sysctl -w fs.protected_symlinks=1): ` +
        `without it a tenant could point nginx at another tenant's app`,
    );
  }
  symlinksProtected = true;
}

/** The app sockets of one node: their paths, and the folders they live in. */
export class AppSockets {
  /** Why no socket can live under `root`, or null: each app webroot fails on it, not the agent. */
  private readonly unusable: string | null;

  /**
   * @param root folder of the per-tenant socket folders (the agent's run folder + `/apps`)
   * @param webUser nginx's worker user: the one user besides the tenant who may connect
   */
  constructor(
    readonly root: string,
    readonly webUser: string,
  ) {
    const longest = this.pathOf('t_0123456789', 'web_0123456789');
    // nginx reads `unix:<path>` up to the first `:` as the socket's path.
    if (!path.isAbsolute(root) || root.includes(':')) this.unusable = `${root} must be absolute, without ":"`;
    else if (Buffer.byteLength(longest) > MAX_SOCKET_PATH) {
      this.unusable = `${root} is too long: ${longest} exceeds a Unix socket's ${MAX_SOCKET_PATH} bytes`;
    } else this.unusable = null;
  }

  /** The folder of `tenant`'s sockets. */
  dirOf(tenant: string): string {
    return path.join(this.root, tenant, SOCKET_DIR);
  }

  /** The socket `webroot`'s app listens on (its PORT and APP_SOCKET) and nginx proxies to. */
  pathOf(tenant: string, webroot: string): string {
    return path.join(this.dirOf(tenant), `${webroot}.sock`);
  }

  /**
   * Makes `tenant`'s gate and socket folder exist, repairing their owner, mode and ACL when they
   * differ. Anything else found in their place, or in a gate being repaired (an earlier layout
   * kept the sockets there, in a folder the tenant owned), is removed, never followed.
   */
  async ensure(tenant: { name: string; uid: number }): Promise<void> {
    if (this.unusable) throw new WebError('RuntimeUnavailable', `HOSTPLANE_APP_SOCKET_DIR ${this.unusable}`);
    if (!TENANT_NAME.test(tenant.name)) throw new WebError('InvalidWebrootSpec', `bad tenant name ${tenant.name}`);
    await protectSymlinks();
    const web = this.webUser;
    const root = (await this.openRoot(true))!;
    const handles: FileHandle[] = [root];
    try {
      const gate = await this.openOrCreate(root, tenant.name);
      handles.push(gate);
      if (!(await isRootsWith(gate, GATE_MODE))) {
        await gate.chown(0, 0);
        await setAclOn([`--set`, `u::rwx,g::---,o::---,u:${tenant.uid}:x,u:${web}:x,m::x`], [gate]);
        // Only a gate not yet root's can hold anything else (none but root writes in one that is).
        for (const entry of await readdir(at(gate, '.'))) {
          if (entry !== SOCKET_DIR) await removeTree(gate, entry);
        }
      }
      const sockets = await this.openOrCreate(gate, SOCKET_DIR);
      handles.push(sockets);
      if (!(await isRootsWith(sockets, SOCKET_DIR_MODE))) {
        await sockets.chown(0, 0);
        await setAclOn(['--set', `u::rwx,g::-wx,o::-wx,d:u::rwx,d:g::---,d:o::---,d:u:${web}:rw,d:m::rw`], [sockets]);
        await sockets.chmod(SOCKET_DIR_MODE); // the sticky bit: no ACL carries it
      }
    } finally {
      await Promise.all(handles.reverse().map((handle) => handle.close()));
    }
  }

  /** Removes `webroot`'s socket (whatever the tenant left under its name); absent is fine. */
  async remove(tenant: string, webroot: string): Promise<void> {
    if (!TENANT_NAME.test(tenant) || !WEBROOT_NAME.test(webroot)) return;
    await this.inTenantDir(tenant, (dir) => removeTree(dir, `${webroot}.sock`));
  }

  /**
   * Keeps only what `desired` (tenant → its app webroots) names: other tenants' folders go
   * with everything in them, and so do sockets of other webroots. A tenant's other files stay.
   */
  async prune(desired: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
    const root = await this.openRoot(false);
    if (!root) return;
    try {
      for (const name of await readdir(this.root)) {
        const webroots = desired.get(name);
        if (!webroots) {
          await removeTree(root, name);
          continue;
        }
        await this.inTenantDir(name, async (dir) => {
          for (const entry of await readdir(at(dir, '.'))) {
            const webroot = SOCKET_FILE.exec(entry)?.[1];
            if (webroot && !webroots.has(webroot)) await removeTree(dir, entry);
          }
        });
      }
    } finally {
      await root.close();
    }
  }

  /** Opens `<root>` (created when `create`), refusing one that is not the agent's own folder. */
  private async openRoot(create: boolean): Promise<FileHandle | null> {
    if (create) await mkdir(this.root, { recursive: true, mode: ROOT_MODE });
    const root = await open(this.root, DIR_FLAGS).catch(ignore('ENOENT'));
    if (!root) return null;
    try {
      const stat = await root.stat();
      if (stat.uid !== process.getuid?.()) throw new Error(`${this.root} is not owned by the node agent's user`);
      if ((stat.mode & 0o7777) !== ROOT_MODE) await root.chmod(ROOT_MODE);
      return root;
    } catch (error) {
      await root.close();
      throw error;
    }
  }

  private async openOrCreate(root: FileHandle, name: string): Promise<FileHandle> {
    await mkdir(at(root, name), { mode: 0o700 }).catch(ignore('EEXIST'));
    const dir = await open(at(root, name), DIR_FLAGS).catch(ignore('ELOOP', 'ENOTDIR'));
    if (dir) return dir;
    await removeTree(root, name);
    await mkdir(at(root, name), { mode: 0o700 });
    return open(at(root, name), DIR_FLAGS);
  }

  /** Runs `act` on `<root>/<tenant>/s` opened without following links; nothing when it is absent. */
  private async inTenantDir(tenant: string, act: (dir: FileHandle) => Promise<void>): Promise<void> {
    const root = await this.openRoot(false);
    if (!root) return;
    const handles: FileHandle[] = [root];
    try {
      for (const name of [tenant, SOCKET_DIR]) {
        const dir = await openExistingDir(handles.at(-1)!, name);
        if (!dir) return;
        handles.push(dir);
      }
      await act(handles.at(-1)!);
    } finally {
      await Promise.all(handles.reverse().map((handle) => handle.close()));
    }
  }
}

/** Whether the folder is root's with exactly `mode`. */
async function isRootsWith(dir: FileHandle, mode: number): Promise<boolean> {
  const stat = await dir.stat();
  return stat.uid === 0 && stat.gid === 0 && (stat.mode & 0o7777) === mode;
}

/** `name` under `parent` when it is a folder (a link is not followed): null otherwise. */
async function openExistingDir(parent: FileHandle, name: string): Promise<FileHandle | null> {
  if (!(await lstat(at(parent, name)).catch(ignore('ENOENT')))?.isDirectory()) return null;
  return open(at(parent, name), DIR_FLAGS).catch(ignore('ENOENT', 'ELOOP', 'ENOTDIR'));
}
