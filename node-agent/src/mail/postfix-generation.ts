// A Postfix config goes live whole or not at all: each generation is written to a folder of its
// own, its tables built with postmap and the folder checked with `postfix check`, then the live
// path (a symlink) is swapped to it with one rename. Older generations are removed after.
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';
import { MAIL_REJECTED } from '@hostplane/contract/mail';
import { CommandError, runCommand } from '../linux-users/run-command.js';
import { lookupGroup } from '../linux-users/system-accounts.js';
import type { MailPaths } from './paths.js';

/** main.cf, master.cf and each table's source, by file name. */
export type PostfixFiles = Record<string, string>;

export const TABLES = ['domains', 'mailboxes', 'senders', 'deferred', 'aliases'] as const;

/** The live generation's files (empty before the first one). */
export async function livePostfixFiles(paths: MailPaths): Promise<PostfixFiles> {
  const files: PostfixFiles = {};
  for (const name of ['main.cf', 'master.cf', ...TABLES]) {
    const text = await readFile(path.join(paths.postfixConf, name), 'utf8').catch(() => null);
    if (text !== null) files[name] = text;
  }
  return files;
}

export const sameFiles = (a: PostfixFiles, b: PostfixFiles) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** Writes, builds and checks a generation, then makes it live. Throws (nothing swapped) when Postfix refuses it. */
export async function swapPostfixGeneration(paths: MailPaths, files: PostfixFiles): Promise<void> {
  const postfixGid = (await lookupGroup('postfix'))?.gid ?? 0;
  await mkdir(paths.postfixGenerations, { recursive: true, mode: 0o755 });
  const name = `${Date.now()}-${randomBytes(4).toString('hex')}`;
  const dir = path.join(paths.postfixGenerations, name);
  // Group postfix reads the tables (every hosted address of the node); tenants on the node do not.
  await mkdir(dir, { mode: 0o750 });
  await chown(dir, 0, postfixGid);
  try {
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text, { mode: 0o640 });
    for (const table of TABLES) await runCommand('postmap', ['-c', dir, `hash:${path.join(dir, table)}`]);
    for (const file of await readdir(dir)) await chown(path.join(dir, file), 0, postfixGid);
    await runCommand('postfix', ['-c', dir, 'check']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const detail = error instanceof CommandError ? error.message : String(error);
    throw new NonRetryableError(MAIL_REJECTED, `Postfix refused the generated configuration: ${detail}`);
  }
  const next = `${paths.postfixConf}.${name}`;
  await symlink(path.relative(path.dirname(paths.postfixConf), dir), next);
  await rename(next, paths.postfixConf);
  for (const old of await readdir(paths.postfixGenerations)) {
    if (old !== name) await rm(path.join(paths.postfixGenerations, old), { recursive: true, force: true });
  }
}

/** True once a generation is live (the symlink exists). */
export const hasLiveGeneration = (paths: MailPaths) =>
  readlink(paths.postfixConf).then(
    () => true,
    () => false,
  );
