// The node agent creates real Linux users for tenants (their homes under the run's home root).
// UIDs come from the run's fresh database, so users left by an earlier run would collide with the
// next run's ("uid 200000 is already used"): remove them at the end of a run, and at the start
// remove those of earlier runs that were killed before their teardown.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface PasswdEntry {
  name: string;
  home: string;
}

async function localUsers(): Promise<PasswdEntry[]> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  return passwd
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':'))
    .map((fields) => ({ name: fields[0] ?? '', home: fields[5] ?? '' }));
}

async function removeUser(name: string): Promise<void> {
  // userdel also drops the user's own group (USERGROUPS_ENAB); groupdel covers a group left apart.
  await run('userdel', [name]).catch(() => undefined);
  await run('groupdel', [name]).catch(() => undefined);
}

/** Removes the users whose home is inside `homeRoot`. Returns their names. */
export async function removeUsersUnder(homeRoot: string): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const prefix = `${path.resolve(homeRoot)}/`;
  const users = (await localUsers()).filter((user) => user.home.startsWith(prefix));
  for (const user of users) await removeUser(user.name);
  return users.map((user) => user.name);
}

/**
 * Removes users whose home was under a test-run folder `<runsRoot>/<runPrefix>*` that no longer
 * exists: their run is over. Users of runs still going (folder present) are left alone.
 */
export async function removeUsersOfFinishedRuns(runsRoot: string, runPrefix: string): Promise<string[]> {
  if (process.getuid?.() !== 0) return [];
  const prefix = path.join(path.resolve(runsRoot), runPrefix);
  const users = (await localUsers()).filter((user) => {
    if (!user.home.startsWith(prefix)) return false;
    const end = user.home.indexOf('/', prefix.length);
    const runFolder = end === -1 ? user.home : user.home.slice(0, end);
    return !existsSync(runFolder);
  });
  for (const user of users) await removeUser(user.name);
  return users.map((user) => user.name);
}
