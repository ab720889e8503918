// Shared by tests that create real Linux accounts (run as root): random tenant names and high
// UIDs so parallel runs and leftovers from a crashed run never collide.
import { randomBytes, randomInt } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomTenantName(): string {
  const chars = [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]);
  return `t_${chars.join('')}`;
}

export function randomUid(): number {
  return 700_000 + randomInt(0, 1_000_000);
}

/** The /etc/shadow fields a test asserts on, or null when the user does not exist. */
export async function shadowOf(name: string): Promise<{ password: string; expire: string } | null> {
  const result = await run('getent', ['shadow', name]).catch(() => null);
  if (!result) return null;
  const fields = result.stdout.trim().split(':');
  return { password: fields[1] ?? '', expire: fields[7] ?? '' };
}

/** `getent <db> <key>` output, or null when absent. */
export async function getent(database: string, key: string): Promise<string | null> {
  const result = await run('getent', [database, key]).catch(() => null);
  return result ? result.stdout.trim() : null;
}

/** Best-effort removal of accounts a failed test may have left. */
export async function forceRemoveAccount(name: string): Promise<void> {
  await run('userdel', [name]).catch(() => undefined);
  await run('groupdel', [name]).catch(() => undefined);
}
