// The mail host's certificate (issued by the platform's ACME CA; it crosses Temporal inside the
// sealed payload only) and the Dovecot config that uses it. Both daemons read the files as root
// before they drop privileges, so they are root's, 0600, in a 0700 folder no tenant UID enters.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MailTlsSpec } from '@hostplane/contract/mail';
import { runCommand } from '../linux-users/run-command.js';
import { replaceFile } from './dkim.js';
import { renderDovecotConf, type DovecotOptions } from './dovecot-config.js';
import type { MailPaths } from './paths.js';

/** The node holds a certificate (a restarted agent keeps TLS on until the next apply says otherwise). */
export const hasTlsFiles = (paths: MailPaths): Promise<boolean> =>
  Promise.all([access(paths.tlsCert), access(paths.tlsKey)]).then(
    () => true,
    () => false,
  );

/** Writes the certificate and key when they differ; true if either changed. */
export async function writeTlsFiles(paths: MailPaths, tls: MailTlsSpec): Promise<boolean> {
  await mkdir(path.dirname(paths.tlsCert), { recursive: true, mode: 0o700 });
  // Key first: a daemon that sees the new certificate never pairs it with the old key for long.
  const key = await replaceFile(paths.tlsKey, `${tls.keyPem.trim()}\n`, 0o600, { uid: 0, gid: 0 });
  const cert = await replaceFile(paths.tlsCert, `${tls.certificatePem.trim()}\n`, 0o600, { uid: 0, gid: 0 });
  return key || cert;
}

/** Removes the certificate (the platform holds none for this node any more); true if there was one. */
export async function removeTlsFiles(paths: MailPaths): Promise<boolean> {
  const had = await hasTlsFiles(paths);
  await Promise.all([rm(paths.tlsCert, { force: true }), rm(paths.tlsKey, { force: true })]);
  return had;
}

/** Dovecot's config for these options and TLS state: checked by `doveconf` before it replaces the live one. */
export async function writeDovecotConf(paths: MailPaths, options: DovecotOptions, tls: boolean): Promise<boolean> {
  const text = renderDovecotConf(paths, { ...options, tls: tls ? { cert: paths.tlsCert, key: paths.tlsKey } : null });
  const next = `${paths.dovecotConf}.next`;
  await writeFile(next, text, { mode: 0o644 });
  try {
    await runCommand('doveconf', ['-c', next, '-n']);
  } catch (error) {
    await rm(next, { force: true });
    throw error;
  }
  return replaceFile(paths.dovecotConf, text, 0o644, null).finally(() => rm(next, { force: true }));
}

/** Makes the running Dovecot re-read its config and certificate. */
export const reloadDovecot = (paths: MailPaths) => runCommand('doveadm', ['-c', paths.dovecotConf, 'reload']);
