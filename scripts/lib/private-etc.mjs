// A second node on the same machine needs Linux accounts of its own: a node agent names the
// account of a Valkey instance after the instance, so the source and target of a migration would
// share one — and the source's `userdel` fails while the target's server runs as it. Real nodes
// each have their own /etc; here the second agent gets a private copy of it, bind-mounted over
// /etc in a mount namespace of its own, with a UID/GID range no account of the machine uses.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from './exec.mjs';

/**
 * Copies the machine's /etc to `<dir>/etc` and sets its login.defs to give new accounts UIDs and
 * GIDs from `ids` (its own block, so a process of one node is never taken for another's account).
 * @returns {Promise<string>} the copy
 */
export async function preparePrivateEtc(dir, ids = { min: 2_100_000, max: 2_199_999 }) {
  const etc = path.join(dir, 'etc');
  await run('cp', ['-a', '/etc', etc], { quiet: true });
  const defs = path.join(etc, 'login.defs');
  const text = await readFile(defs, 'utf8').catch(() => '');
  const range = { UID_MIN: ids.min, UID_MAX: ids.max, GID_MIN: ids.min, GID_MAX: ids.max };
  const kept = text
    .split('\n')
    .filter((line) => !Object.keys(range).some((key) => line.startsWith(`${key}\t`) || line.startsWith(`${key} `)));
  await writeFile(defs, [...kept, ...Object.entries(range).map(([key, value]) => `${key}\t${value}`), ''].join('\n'));
  return etc;
}

/**
 * `command args` run with `etc` over /etc, in a mount namespace of its own (its children too):
 * the [command, args] to spawn. `exec` keeps the pid, so signals reach the program itself.
 */
export function withPrivateEtc(etc, command, args) {
  const script = 'mount --bind "$0" /etc && exec "$@"';
  return ['unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, etc, command, ...args]];
}
