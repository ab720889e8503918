import { mkdir, readFile, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';

/**
 * SFTP-only tenants' chroots: `<root>/<account>`, root-owned 0755 all the way down (sshd refuses a
 * ChrootDirectory any other user could write), holding `webroots`, a bind mount of the tenant's
 * own `webroots` folder. So the tenant sees its webroots and nothing else of the node; its files
 * stay where nginx serves them.
 */
export class SftpJails {
  constructor(
    readonly root: string,
    private readonly homeRoot: string,
  ) {}

  jailOf(account: string): string {
    return path.join(this.root, account);
  }

  private async isMounted(target: string): Promise<boolean> {
    const mounts = await readFile('/proc/self/mountinfo', 'utf8');
    // Field 5 is the mount point (octal-escaped spaces: our paths have none).
    return mounts.split('\n').some((line) => line.split(' ')[4] === target);
  }

  /** The jail with its bind mount; false when it was already there. */
  async ensure(account: string): Promise<boolean> {
    await mkdir(this.root, { recursive: true, mode: 0o755 });
    const jail = this.jailOf(account);
    const target = path.join(jail, 'webroots');
    await mkdir(target, { recursive: true, mode: 0o755 });
    if (await this.isMounted(target)) return false;
    await runCommand('mount', ['--bind', path.join(this.homeRoot, account, 'webroots'), target]);
    return true;
  }

  /** Unmounts and removes the jail (never the tenant's files: only the mount point goes). */
  async remove(account: string): Promise<boolean> {
    const jail = this.jailOf(account);
    const target = path.join(jail, 'webroots');
    const mounted = await this.isMounted(target);
    if (mounted) await runCommand('umount', ['--lazy', target]);
    await rmdir(target).catch(() => undefined);
    await rmdir(jail).catch(() => undefined);
    return mounted;
  }
}
