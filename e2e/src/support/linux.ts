import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The passwd entry of a user, or null when it does not exist (getent exits 2). */
export async function passwdEntry(name: string): Promise<{ uid: number; home: string; shell: string } | null> {
  try {
    const { stdout } = await run('getent', ['passwd', name]);
    const [, , uid, , , home, shell] = stdout.trim().split(':');
    return { uid: Number(uid), home: home!, shell: shell! };
  } catch {
    return null;
  }
}

/**
 * Whether the account is locked as suspension locks it: password field prefixed with `!` and
 * the account expired (`passwd -S` alone cannot tell: it reports `*`, a key-only account, as L).
 */
export async function isLocked(name: string): Promise<boolean> {
  const { stdout } = await run('getent', ['shadow', name]);
  const fields = stdout.trim().split(':');
  return fields[1]!.startsWith('!') && fields[7] === '1';
}
