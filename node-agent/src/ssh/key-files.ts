import { constants } from 'node:fs';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';

/** Tenant account names as the platform makes them; anything else could leave the folder. */
const ACCOUNT = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * The tenants' key files, `<dir>/<account>`: root-owned, 0640 root:<tenant's group> (sshd reads
 * them as the tenant; no other tenant can), in a root-owned 0711 folder. The tenant can read its
 * own file but never write it, so the platform's `restrict` prefix on each line holds.
 */
export class KeyFiles {
  constructor(private readonly dir: string) {}

  fileOf(account: string): string {
    if (!ACCOUNT.test(account)) throw new NonRetryableError('InvalidSshKey', `not a tenant account: ${account}`);
    return path.join(this.dir, account);
  }

  /** Replaces the file's content atomically (temp + rename); false when it already held `content`. */
  async write(account: string, gid: number, content: string): Promise<boolean> {
    const file = this.fileOf(account);
    const current = await readFile(file, 'utf8').catch(() => null);
    if (current === content) return false;
    const temp = path.join(this.dir, `.${account}.tmp`);
    await rm(temp, { force: true });
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
    const handle = await open(temp, flags, 0o600);
    try {
      await handle.writeFile(content);
      await handle.chown(0, gid);
      await handle.chmod(0o640);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    return true;
  }

  /** The accounts that have a key file here (temporary files of an interrupted write aside). */
  async accounts(): Promise<string[]> {
    return (await readdir(this.dir)).filter((name) => ACCOUNT.test(name));
  }

  /** Removes the file; false when there was none. */
  async remove(account: string): Promise<boolean> {
    const file = this.fileOf(account);
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    await rm(file, { force: true });
    return existed;
  }
}
