import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { runCommand } from '../linux-users/run-command.js';
import { lookupGroup, lookupUser } from '../linux-users/system-accounts.js';

/** The Linux account one instance's redis-server runs as. */
export interface InstanceAccount {
  user: string;
  uid: number;
  gid: number;
}

/** Every instance account is also in this group, which may only pass through the base dir's parents. */
export const VALKEY_GROUP = 'hostplane-valkey';

/**
 * One unprivileged Linux user per Valkey instance, named like the instance (`kv_…`): a server a
 * tenant breaks into (a Lua or payload bug) holds neither root nor any other instance's files.
 * No login, no password, home = the instance folder (so test runs find their leftovers).
 */
export class InstanceAccounts {
  private traversable = false;
  // Looked up once per agent process: every ensure of an instance needs its account.
  private readonly known = new Map<string, InstanceAccount>();

  /** `prefix`: before every account name (see VALKEY_ACCOUNT_PREFIX); default none. */
  constructor(
    private readonly baseDir: string,
    private readonly prefix = '',
  ) {}

  /** The instance's account, created if missing; the base dir's parents made passable to it. */
  async ensure(instance: string): Promise<InstanceAccount> {
    const known = this.known.get(instance);
    if (known) return known;
    await this.allowTraversal();
    const name = this.prefix + instance;
    let user = await lookupUser(name);
    if (!user) {
      const home = path.join(this.baseDir, instance);
      const args = ['-M', '-d', home, '-s', '/usr/sbin/nologin', '-p', '!', '-U', '-G', VALKEY_GROUP, name];
      await runCommand('useradd', args, [0, 9]); // 9: created meanwhile by another agent start
      user = await lookupUser(name);
      if (!user) throw new Error(`useradd ${name} left no account`);
    }
    const account = { user: name, uid: user.uid, gid: user.gid };
    this.known.set(instance, account);
    return account;
  }

  /** Deletes the instance's account and its group; absent is fine. */
  async remove(instance: string): Promise<void> {
    this.known.delete(instance);
    const name = this.prefix + instance;
    await runCommand('userdel', [name], [0, 6]); // 6: no such user
    await runCommand('groupdel', [name], [0, 6]);
  }

  /**
   * The group, once. The agent keeps its state in root-only folders (0700): the group may pass
   * through (not list) each folder above the instances that others cannot, with an ACL entry.
   */
  private async allowTraversal(): Promise<void> {
    if (this.traversable) return;
    if (!(await lookupGroup(VALKEY_GROUP))) await runCommand('groupadd', ['--system', VALKEY_GROUP], [0, 9]);
    await mkdir(this.baseDir, { recursive: true, mode: 0o755 });
    for (let dir = path.resolve(this.baseDir); ; dir = path.dirname(dir)) {
      const mode = (await stat(dir)).mode;
      if ((mode & 0o001) === 0) await runCommand('setfacl', ['-m', `g:${VALKEY_GROUP}:x`, dir]);
      if (dir === path.dirname(dir)) break;
    }
    this.traversable = true;
  }
}
