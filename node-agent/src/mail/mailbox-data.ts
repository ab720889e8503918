// Deleting a removed mailbox's mail: the delete workflow's last step, after its grace period. The
// applied spec's truth on the node is Dovecot's userdb (every mailbox LMTP delivers to), so an
// agent restarted since the last apply still refuses to delete a live mailbox's mail.
import { readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';
import { MAIL_REJECTED } from '@hostplane/contract/mail';
import { isMailAddress } from '@hostplane/contract/mail/addresses';
import type { MailPaths } from './paths.js';
import { removeSieveScript } from './sieve.js';

/** The mailboxes of the applied spec (userdb's first field). */
async function appliedMailboxes(paths: MailPaths): Promise<Set<string>> {
  const text = await readFile(paths.userdb, 'utf8').catch(() => '');
  return new Set(
    text
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(0, line.indexOf(':'))),
  );
}

/** `<boxes>/<domain>/<local>`, Dovecot's mail_home; throws if it could leave the mail root. */
export function mailHomeOf(paths: MailPaths, address: string): string {
  const at = address.lastIndexOf('@');
  const home = path.resolve(paths.boxes, address.slice(at + 1), address.slice(0, at));
  if (!isMailAddress(address) || path.dirname(path.dirname(home)) !== path.resolve(paths.boxes))
    throw new NonRetryableError(MAIL_REJECTED, `${JSON.stringify(address)} is not a mailbox address`);
  return home;
}

/**
 * Deletes the mail home (Maildir, vacation memory) and Sieve script of each address, none of which
 * may be in the applied spec (all are checked before anything is deleted). Returns the addresses
 * that still had data.
 */
export async function removeMailboxData(paths: MailPaths, addresses: string[]): Promise<string[]> {
  const live = await appliedMailboxes(paths);
  const homes = addresses.map((address) => {
    if (live.has(address))
      throw new NonRetryableError(MAIL_REJECTED, `${address} is still a mailbox of this node: its mail stays`);
    return mailHomeOf(paths, address);
  });
  const removed: string[] = [];
  for (const [i, address] of addresses.entries()) {
    const home = homes[i]!;
    const had = (await stat(home).catch(() => null)) !== null;
    // rm never follows a link inside the tree; the home itself was resolved from checked names.
    await rm(home, { recursive: true, force: true });
    await rmdir(path.dirname(home)).catch(() => undefined); // the domain folder, once empty
    const hadScript = await removeSieveScript(paths, address);
    if (had || hadScript) removed.push(address);
  }
  return removed;
}
