// OpenDKIM, signing only (`Mode s`), run by the agent for submitted mail: Postfix hands it only
// the submission service's messages, all authenticated. The signing domain comes from the SASL
// login (`SenderMacro {auth_authen}`), never from the From header a tenant writes: a tenant can
// put another tenant's domain in From, but never gets it signed with that domain's key.
import { chmod, chown, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { MailDomainSpec } from '@hostplane/contract/mail';
import { lookupUser } from '../linux-users/system-accounts.js';
import type { MailPaths } from './paths.js';
import { listening, spawnUntilListening, type RunningDaemon } from './servers.js';

const keyFile = (paths: MailPaths, domain: string, selector: string) =>
  path.join(paths.dkimDir, 'keys', `${domain}.${selector}.pem`);

export function renderOpendkimConf(paths: MailPaths, port: number): string {
  return [
    'Mode s',
    `Socket inet:${port}@127.0.0.1`,
    `KeyTable file:${path.join(paths.dkimDir, 'KeyTable')}`,
    `SigningTable refile:${path.join(paths.dkimDir, 'SigningTable')}`,
    // Every message the milter sees came through authenticated submission: all are ours to sign.
    `InternalHosts ${path.join(paths.dkimDir, 'InternalHosts')}`,
    'SenderMacro {auth_authen}',
    'Canonicalization relaxed/simple',
    'SignatureAlgorithm rsa-sha256',
    'OversignHeaders From',
    'UserID opendkim',
    'Background no',
    'Syslog no',
    // Keys are 0600 in a 0700 folder of OpenDKIM's own; its check of every parent folder refuses any
    // path under a world-writable one (/tmp in tests) with a silent tempfail, so the agent ensures it instead.
    'RequireSafeKeys no',
    '',
  ].join('\n');
}

/** KeyTable and SigningTable of the spec's domains with a key (`*@domain` signs with its own key). */
export function renderDkimTables(
  paths: MailPaths,
  domains: MailDomainSpec[],
): { keyTable: string; signingTable: string } {
  const signed = domains.filter((d) => d.dkim);
  return {
    keyTable: signed
      .map((d) => `${d.name} ${d.name}:${d.dkim!.selector}:${keyFile(paths, d.name, d.dkim!.selector)}\n`)
      .join(''),
    signingTable: signed.map((d) => `*@${d.name} ${d.name}\n`).join(''),
  };
}

/** Keys (0600, OpenDKIM's) and tables as the spec says; true when anything changed. Keys of other domains go. */
export async function writeDkimFiles(paths: MailPaths, domains: MailDomainSpec[]): Promise<boolean> {
  const owner = await lookupUser('opendkim');
  const keysDir = path.join(paths.dkimDir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(keysDir, owner.uid, owner.gid);
  let changed = false;
  const wanted = new Set<string>();
  for (const d of domains.filter((x) => x.dkim)) {
    const file = keyFile(paths, d.name, d.dkim!.selector);
    wanted.add(path.basename(file));
    changed = (await replaceFile(file, d.dkim!.privateKeyPem, 0o600, owner)) || changed;
  }
  for (const name of await readdir(keysDir)) {
    if (!wanted.has(name)) {
      await rm(path.join(keysDir, name), { force: true });
      changed = true;
    }
  }
  const { keyTable, signingTable } = renderDkimTables(paths, domains);
  changed = (await replaceFile(path.join(paths.dkimDir, 'KeyTable'), keyTable, 0o644, null)) || changed;
  changed = (await replaceFile(path.join(paths.dkimDir, 'SigningTable'), signingTable, 0o644, null)) || changed;
  return changed;
}

/** Writes `text` to `file` with `mode` (and owner) by one rename, when it differs; true if it did. */
export async function replaceFile(
  file: string,
  text: string,
  mode: number,
  owner: { uid: number; gid: number } | null,
): Promise<boolean> {
  if ((await readFile(file, 'utf8').catch(() => null)) === text) return false;
  const next = `${file}.next`;
  await writeFile(next, text, { mode });
  await chmod(next, mode);
  if (owner) await chown(next, owner.uid, owner.gid);
  await rename(next, file);
  return true;
}

/** OpenDKIM in the foreground (`-f`), on its own config; SIGUSR1 makes it re-read config and tables. */
export async function startOpendkim(
  paths: MailPaths,
  port: number,
  logger: Logger,
): Promise<RunningDaemon & { reload: () => void }> {
  const owner = await lookupUser('opendkim');
  if (!owner) throw new Error('no opendkim account (package opendkim)');
  // Never sign through someone else's milter (another agent's OpenDKIM on this machine).
  if (await listening(port, '127.0.0.1')) throw new Error(`port ${port} is already taken`);
  await mkdir(paths.dkimDir, { recursive: true, mode: 0o755 });
  await chmod(paths.dkimDir, 0o755);
  // Empty tables the first time; a restarted agent keeps signing with the keys of its last rollout.
  for (const table of ['KeyTable', 'SigningTable']) {
    await writeFile(path.join(paths.dkimDir, table), '', { mode: 0o644, flag: 'a' });
  }
  await writeFile(path.join(paths.dkimDir, 'InternalHosts'), '0.0.0.0/0\n::/0\n', { mode: 0o644 });
  const conf = path.join(paths.dkimDir, 'opendkim.conf');
  await writeFile(conf, renderOpendkimConf(paths, port), { mode: 0o644 });
  const daemon = await spawnUntilListening(
    'opendkim',
    'opendkim',
    ['-f', '-x', conf],
    { host: '127.0.0.1', port },
    path.join(paths.logs, 'opendkim.out'),
    logger,
  );
  return { reload: () => daemon.signal('SIGUSR1'), stop: daemon.stop };
}
