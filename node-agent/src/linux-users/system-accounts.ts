import { runCommand } from './run-command.js';

// Read-only lookups through NSS (`getent`), so the manager observes the same accounts that
// login, sshd and useradd see. `getent` exits 2 when the key is not found.
const NOT_FOUND = 2;

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
  shell: string;
}

export interface GroupEntry {
  name: string;
  gid: number;
}

export interface ShadowEntry {
  /** `*` = key-only login, a leading `!` = locked. */
  password: string;
  /** Account expiry in days since the epoch; '' = never. */
  expire: string;
}

async function getent(database: string, key: string): Promise<string[] | null> {
  const { exitCode, stdout } = await runCommand('getent', [database, key], [0, NOT_FOUND]);
  if (exitCode === NOT_FOUND) return null;
  const line = stdout.split('\n')[0] ?? '';
  return line.split(':');
}

/** A user by name or by numeric UID (pass the number as a string). */
export async function lookupUser(key: string): Promise<PasswdEntry | null> {
  const f = await getent('passwd', key);
  if (!f) return null;
  return {
    name: f[0] ?? '',
    uid: Number(f[2]),
    gid: Number(f[3]),
    home: f[5] ?? '',
    shell: f[6] ?? '',
  };
}

/** A group by name or by numeric GID. */
export async function lookupGroup(key: string): Promise<GroupEntry | null> {
  const f = await getent('group', key);
  return f ? { name: f[0] ?? '', gid: Number(f[2]) } : null;
}

export async function lookupShadow(name: string): Promise<ShadowEntry | null> {
  const f = await getent('shadow', name);
  return f ? { password: f[1] ?? '', expire: f[7] ?? '' } : null;
}
