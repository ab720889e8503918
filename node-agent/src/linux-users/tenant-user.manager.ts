import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReconcileResult, TenantUserSpec } from '../contract.js';
import { TenantUserError } from './errors.js';
import { ensureHome } from './home-dirs.js';
import { runCommand } from './run-command.js';
import { lookupGroup, lookupShadow, lookupUser } from './system-accounts.js';

/** Tenant names only: a bug elsewhere must never make the agent delete `root` or `www-data`. */
export const TENANT_NAME_PATTERN = /^t_[a-z0-9]{10}$/;
// Below 1000 are system accounts; 2^31-1 keeps clear of the 32-bit "nobody"/-1 values.
const MIN_UID = 1000;
const MAX_UID = 2 ** 31 - 1;
// Exit codes meaning "already absent": userdel/groupdel 6, pkill/pgrep 1 (no process matched).
const ABSENT = 6;
const NO_PROCESS = 1;

export interface TenantUserManagerOptions {
  /** Where tenant homes live (`/home` in production, a temp dir in tests). */
  homeRoot: string;
  /** Login shell of an active tenant. */
  shell: string;
  /** Shell of a suspended tenant. */
  nologinShell: string;
}

function assertName(name: string): void {
  if (!TENANT_NAME_PATTERN.test(name)) {
    throw new TenantUserError('InvalidTenantUser', `refusing non-tenant user name "${name}"`);
  }
}

function assertSpec({ name, uid }: TenantUserSpec): void {
  assertName(name);
  if (!Number.isInteger(uid) || uid < MIN_UID || uid > MAX_UID) {
    throw new TenantUserError('InvalidTenantUser', `uid ${uid} of ${name} is outside ${MIN_UID}..${MAX_UID}`);
  }
}

/**
 * Reconciles tenant Linux accounts on this node: each method observes the current state,
 * changes only what differs and is safe to repeat (DESIGN.md §6).
 */
export class TenantUserManager {
  constructor(private readonly options: TenantUserManagerOptions) {}

  homeOf(name: string): string {
    return path.join(this.options.homeRoot, name);
  }

  /** User and group `name` with GID = UID = `uid`, unlocked (key-only), with its home folders. */
  async ensure(spec: TenantUserSpec): Promise<ReconcileResult> {
    assertSpec(spec);
    const { name, uid } = spec;
    const groupChanged = await this.ensureGroup(name, uid);
    const user = await lookupUser(name);
    const byUid = await lookupUser(String(uid));
    if (user && user.uid !== uid) {
      throw new TenantUserError('TenantUserConflict', `user ${name} already exists with uid ${user.uid}, expected ${uid}`);
    }
    if (byUid && byUid.name !== name) {
      throw new TenantUserError('TenantUserConflict', `uid ${uid} is already used by user ${byUid.name}`);
    }
    const home = this.homeOf(name);
    if (!user) {
      // `-p '*'` at creation: useradd's default `!` would lock out key logins (TOOLCHAIN.md).
      await runCommand('useradd', ['-u', String(uid), '-g', String(uid), '-d', home, '-M', '-s', this.options.shell, '-p', '*', name]);
    }
    const accountChanged = await this.ensureLogin(name, this.options.shell, { gid: uid, home });
    const homeChanged = await ensureHome(this.options.homeRoot, name, uid);
    return { changed: groupChanged || !user || accountChanged || homeChanged };
  }

  /** Locked password, expired account, nologin shell. An absent user is already locked out. */
  async lock({ name }: { name: string }): Promise<ReconcileResult> {
    assertName(name);
    const user = await lookupUser(name);
    const shadow = await lookupShadow(name);
    if (!user || !shadow) return { changed: false };
    const args: string[] = [];
    if (!shadow.password.startsWith('!')) args.push('-L');
    if (shadow.expire !== '1') args.push('-e', '1'); // expired since 1970-01-02
    if (user.shell !== this.options.nologinShell) args.push('-s', this.options.nologinShell);
    if (args.length > 0) await runCommand('usermod', [...args, name]);
    return { changed: args.length > 0 };
  }

  /** Reverses `lock`: key-only password, no expiry, a login shell. */
  async unlock({ name, shell }: { name: string; shell?: string }): Promise<ReconcileResult> {
    assertName(name);
    if (!(await lookupUser(name))) {
      throw new TenantUserError('TenantUserMissing', `user ${name} does not exist on this node`);
    }
    return { changed: await this.ensureLogin(name, shell ?? this.options.shell) };
  }

  /** Kills the user's processes, deletes user, group and home. Absent parts count as removed. */
  async remove({ name }: { name: string }): Promise<ReconcileResult> {
    assertName(name);
    const user = await lookupUser(name);
    if (user) {
      await this.killProcesses(name);
      await runCommand('userdel', [name], [0, ABSENT]);
    }
    // userdel removes a private group itself (USERGROUPS_ENAB); this covers a half-created tenant.
    const group = await lookupGroup(name);
    if (group) await runCommand('groupdel', [name], [0, ABSENT]);
    await rm(this.homeOf(name), { recursive: true, force: true });
    return { changed: Boolean(user || group) };
  }

  private async ensureGroup(name: string, gid: number): Promise<boolean> {
    const byName = await lookupGroup(name);
    const byGid = await lookupGroup(String(gid));
    if (byName && byName.gid !== gid) {
      throw new TenantUserError('TenantUserConflict', `group ${name} already exists with gid ${byName.gid}, expected ${gid}`);
    }
    if (byGid && byGid.name !== name) {
      throw new TenantUserError('TenantUserConflict', `gid ${gid} is already used by group ${byGid.name}`);
    }
    if (byName) return false;
    await runCommand('groupadd', ['-g', String(gid), name]);
    return true;
  }

  /** Makes the account loginable by key with `shell`; also repairs GID/home drift when given. */
  private async ensureLogin(name: string, shell: string, want: { gid?: number; home?: string } = {}): Promise<boolean> {
    const user = await lookupUser(name);
    const shadow = await lookupShadow(name);
    if (!user || !shadow) throw new TenantUserError('TenantUserMissing', `user ${name} does not exist on this node`);
    const args: string[] = [];
    if (shadow.password !== '*') args.push('-p', '*');
    if (shadow.expire !== '') args.push('-e', '');
    if (user.shell !== shell) args.push('-s', shell);
    if (want.gid !== undefined && user.gid !== want.gid) args.push('-g', String(want.gid));
    if (want.home !== undefined && user.home !== want.home) args.push('-d', want.home);
    if (args.length > 0) await runCommand('usermod', [...args, name]);
    return args.length > 0;
  }

  /** SIGKILL everything the user runs, then wait (briefly) until it is gone so userdel succeeds. */
  private async killProcesses(name: string): Promise<void> {
    await runCommand('pkill', ['-KILL', '-u', name], [0, NO_PROCESS]);
    for (let i = 0; i < 50; i++) {
      const { exitCode } = await runCommand('pgrep', ['-u', name], [0, NO_PROCESS]);
      if (exitCode === NO_PROCESS) return;
      await sleep(100);
    }
    // Still running after 5 s: userdel will fail with "currently used" and the activity retries.
  }
}
