/**
 * Where app webroots listen: one Unix socket per app, `<root>/<tenant>/<webroot>.sock`, never a
 * loopback port. Any tenant could bind a port before the app it was meant for (and so receive
 * that app's logins and cookies) or use the whole range up; a socket's folder is a door the
 * kernel keeps shut instead:
 *
 * - `<root>` is the agent's own (root, 0711): no tenant can create, rename or replace anything
 *   in it, so no tenant can plant another tenant's folder before the agent makes it.
 * - `<root>/<tenant>` is the tenant's (its UID and group), 0710 with an ACL: the tenant may
 *   create its sockets there, nginx's workers may only pass through, every other user is
 *   refused at the door. Its default ACL gives nginx's workers read-write on each socket the
 *   app creates (connect() needs write permission on the socket file).
 *
 * The agent acts in those folders as root only through descriptors opened with O_NOFOLLOW and
 * removes entries without following them (dirs.ts), so a link the tenant plants in its own
 * folder never makes the agent touch another path.
 */
import { lstat, mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { at, DIR_FLAGS, removeTree, setAclOn } from '../webroots/dirs.js';
import { WebError } from '../webroots/errors.js';

const TENANT_NAME = /^t_[a-z0-9]{10}$/;
const WEBROOT_NAME = /^web_[a-z0-9]{10}$/;
const SOCKET_FILE = /^(web_[a-z0-9]{10})\.sock$/;
/** sun_path holds 108 bytes, its terminating NUL included. */
const MAX_SOCKET_PATH = 107;
const ROOT_MODE = 0o711;
/** What `setfacl --set` below leaves as the folder's mode (the group bits show the ACL mask). */
const TENANT_DIR_MODE = 0o710;

const ignore =
  (...codes: string[]) =>
  (error: NodeJS.ErrnoException) => {
    if (!codes.includes(error.code ?? '')) throw error;
    return null;
  };

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
    return path.join(this.root, tenant);
  }

  /** The socket `webroot`'s app listens on (its PORT and APP_SOCKET) and nginx proxies to. */
  pathOf(tenant: string, webroot: string): string {
    return path.join(this.root, tenant, `${webroot}.sock`);
  }

  /**
   * Makes `<root>/<tenant>` exist as the tenant's socket folder, repairing its owner, mode and
   * ACL when they differ. Anything else found in its place (only root can put it there) is
   * removed, never followed.
   */
  async ensure(tenant: { name: string; uid: number }): Promise<void> {
    if (this.unusable) throw new WebError('RuntimeUnavailable', `HOSTPLANE_APP_SOCKET_DIR ${this.unusable}`);
    if (!TENANT_NAME.test(tenant.name)) throw new WebError('InvalidWebrootSpec', `bad tenant name ${tenant.name}`);
    const root = (await this.openRoot(true))!;
    let dir: FileHandle | null = null;
    try {
      dir = await this.openOrCreate(root, tenant.name);
      const stat = await dir.stat();
      if (stat.uid === tenant.uid && stat.gid === tenant.uid && (stat.mode & 0o7777) === TENANT_DIR_MODE) return;
      await dir.chown(tenant.uid, tenant.uid);
      const web = this.webUser;
      await setAclOn(
        ['--set', `u::rwx,g::---,o::---,u:${web}:x,m::x,d:u::rwx,d:g::---,d:o::---,d:u:${web}:rw,d:m::rw`],
        [dir],
      );
    } finally {
      await dir?.close();
      await root.close();
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

  /** Runs `act` on `<root>/<tenant>` opened without following links; nothing when it is absent. */
  private async inTenantDir(tenant: string, act: (dir: FileHandle) => Promise<void>): Promise<void> {
    const root = await this.openRoot(false);
    if (!root) return;
    try {
      if (!(await lstat(at(root, tenant)).catch(ignore('ENOENT')))?.isDirectory()) return;
      const dir = await open(at(root, tenant), DIR_FLAGS).catch(ignore('ENOENT', 'ELOOP', 'ENOTDIR'));
      if (!dir) return;
      try {
        await act(dir);
      } finally {
        await dir.close();
      }
    } finally {
      await root.close();
    }
  }
}
