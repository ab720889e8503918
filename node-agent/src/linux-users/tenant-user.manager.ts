import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReconcileResult, TenantUserSpec } from '@hostplane/contract/node';
import { TenantUserError } from './errors.js';
import { ensureHome } from './home-dirs.js';
import { runCommand } from './run-command.js';
import { lookupGroup, lookupShadow, lookupUser, type GroupEntry, type PasswdEntry } from './system-accounts.js';

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
    const range = `${MIN_UID}..${MAX_UID}`;
    throw new TenantUserError('InvalidTenantUser', `uid ${uid} of ${name} is outside ${range}`);
  }
}

interface Observed {
  user: PasswdEntry | null;
  userByUid: PasswdEntry | null;
  group: GroupEntry | null;
  groupByGid: GroupEntry | null;
}

/** Why `spec` cannot be realised on this node (its name or UID/GID held by someone else), if so. */
function findConflict({ name, uid }: TenantUserSpec, found: Observed): string | null {
  const { user, userByUid, group, groupByGid } = found;
  if (user && user.uid !== uid) return `user ${name} already exists with uid ${user.uid}, expected ${uid}`;
  if (userByUid && userByUid.name !== name) return `uid ${uid} is already used by user ${userByUid.name}`;
  if (group && group.gid !== uid) return `group ${name} already exists with gid ${group.gid}, expected ${uid}`;
  if (groupByGid && groupByGid.name !== name) return `gid ${uid} is already used by group ${groupByGid.name}`;
  return null;
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
    // Every conflict is checked before anything is written, so a refused spec leaves no trace.
    const [user, userByUid, group, groupByGid] = await Promise.all([
      lookupUser(name),
      lookupUser(String(uid)),
      lookupGroup(name),
      lookupGroup(String(uid)),
    ]);
    const conflict = findConflict(spec, { user, userByUid, group, groupByGid });
    if (conflict) throw new TenantUserError('TenantUserConflict', conflict);

    if (!group) await runCommand('groupadd', ['-g', String(uid), name]);
    const home = this.homeOf(name);
    if (!user) {
      // `-p '*'` at creation: useradd's default `!` would lock out key logins (TOOLCHAIN.md).
      const shell = this.options.shell;
      const ids = ['-u', String(uid), '-g', String(uid)];
      await runCommand('useradd', [...ids, '-d', home, '-M', '-s', shell, '-p', '*', name]);
    }
    const accountChanged = await this.ensureLogin(name, this.options.shell, { gid: uid, home });
    const homeChanged = await ensureHome(this.options.homeRoot, name, uid);
    return { changed: !group || !user || accountChanged || homeChanged };
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

  /** Makes the account loginable by key with `shell`; also repairs GID/home drift when given. */
  private async ensureLogin(name: string, shell: string, want: { gid?: number; home?: string } = {}): Promise<boolean> {
    const user = await lookupUser(name);
    const shadow = await lookupShadow(name);
    if (!user || !shadow) {
      throw new TenantUserError('TenantUserMissing', `user ${name} does not exist on this node`);
    }
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
