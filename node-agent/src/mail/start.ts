import { access, chmod, chown, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { MailActivities } from '@hostplane/contract/mail';
import type { NodeAgentConfig } from '../config.js';
import { stateDirOf } from '../data-stores/start.js';
import { runCommand } from '../linux-users/run-command.js';
import { lookupUser } from '../linux-users/system-accounts.js';
import { createMailActivities, type MailNodeDeps } from './activities.js';
import type { DovecotOptions } from './dovecot-config.js';
import { mailPathsOf, type MailPaths } from './paths.js';
import { renderMainCf, renderMasterCf, type PostfixOptions } from './postfix-config.js';
import { livePostfixFiles, sameFiles, swapPostfixGeneration, TABLES } from './postfix-generation.js';
import { startOpendkim } from './dkim.js';
import { startDovecot, startPostfix } from './servers.js';
import { replaceUserFile } from './users.js';
import { hasTlsFiles, writeDovecotConf } from './tls.js';

/** The mail folder: HOSTPLANE_MAIL_DIR, else `mail/` in the agent's state folder. */
export const mailDirOf = (config: NodeAgentConfig) =>
  config.HOSTPLANE_MAIL_DIR ?? path.join(stateDirOf(config), 'mail');

const unavailable = (reason: string): MailActivities => {
  const fail = async (): Promise<never> => {
    throw new NonRetryableError(CAPABILITY_MISSING, reason);
  };
  return { applyMailNode: fail, removeMailboxData: fail };
};

/** Folders with the owners the daemons need: Postfix's data folder is its own, mailboxes the mail UID's. */
async function prepareFolders(paths: MailPaths, uid: number): Promise<void> {
  const postfix = await lookupUser('postfix');
  if (!postfix) throw new Error('no postfix account (package postfix)');
  // Traversable (Postfix and Dovecot run parts of themselves unprivileged), not listable.
  await mkdir(paths.root, { recursive: true, mode: 0o711 });
  await chmod(paths.root, 0o711);
  for (const dir of [paths.postfixQueue, paths.dovecotBase, paths.dovecotState, paths.dkimDir]) {
    await mkdir(dir, { recursive: true, mode: 0o755 });
  }
  // Logs name every sender and recipient: root's (Postfix's postlogd and Dovecot's log process run as root).
  await mkdir(paths.logs, { recursive: true, mode: 0o700 });
  await chmod(paths.logs, 0o700);
  await mkdir(path.dirname(paths.tlsKey), { recursive: true, mode: 0o700 });
  await chmod(path.dirname(paths.tlsKey), 0o700);
  await mkdir(paths.postfixData, { recursive: true, mode: 0o700 });
  await chown(paths.postfixData, postfix.uid, postfix.gid);
  await mkdir(paths.boxes, { recursive: true, mode: 0o700 });
  await chown(paths.boxes, uid, uid);
  await chmod(paths.boxes, 0o700);
}

/** The base config on this agent's settings, keeping the tables the last run left (mail keeps flowing). */
async function ensureBaseConfig(paths: MailPaths, postfix: PostfixOptions, dovecot: DovecotOptions): Promise<void> {
  // The certificate the last apply left stays in use until the next apply says otherwise.
  const tls = await hasTlsFiles(paths);
  await writeDovecotConf(paths, dovecot, tls);
  // Created empty once; a restarted agent keeps the users it had until the next apply.
  for (const file of [paths.passdb, paths.userdb]) {
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      await replaceUserFile(file, '');
  }
  const live = await livePostfixFiles(paths);
  const files = {
    ...Object.fromEntries(TABLES.map((t) => [t, live[t] ?? ''])),
    'main.cf': renderMainCf(paths, postfix, tls),
    'master.cf': renderMasterCf(paths, postfix, tls),
  };
  if (!sameFiles(files, live)) await swapPostfixGeneration(paths, files);
}

/**
 * Starts this node's own Postfix and Dovecot when HOSTPLANE_MAIL_LISTEN is set. Without it, or
 * without the programs, the node serves no mail and its mail activities fail as CapabilityMissing
 * (a missing program never stops the agent).
 */
export async function startMail(config: NodeAgentConfig, logger: Logger) {
  const none = {
    activities: unavailable('Mail is not enabled on this node (HOSTPLANE_MAIL_LISTEN)'),
    close: async () => {},
  };
  if (!config.HOSTPLANE_MAIL_LISTEN) return none;
  try {
    const address = config.HOSTPLANE_MAIL_LISTEN;
    const hostname = config.HOSTPLANE_MAIL_HOSTNAME ?? 'localhost';
    const paths = mailPathsOf(mailDirOf(config));
    const uid = config.HOSTPLANE_MAIL_UID;
    const postfix: PostfixOptions = {
      hostname,
      address,
      smtpPort: config.HOSTPLANE_MAIL_SMTP_PORT,
      submissionPort: config.HOSTPLANE_MAIL_SUBMISSION_PORT,
      dkimPort: null,
      replyPort: config.HOSTPLANE_MAIL_REPLY_PORT,
      outboundTransport: config.HOSTPLANE_MAIL_OUTBOUND_TRANSPORT,
    };
    await prepareFolders(paths, uid);
    // Mail without auto-replies rather than no mail: sievec comes with Pigeonhole (exit 64: usage).
    const sieve = await runCommand('sievec', [], [64]).then(
      () => true,
      () => false,
    );
    if (!sieve) logger.error('sievec not found: auto-replies unavailable on this node (package dovecot-sieve)');
    await mkdir(path.dirname(paths.dovecotConf), { recursive: true, mode: 0o755 });
    // Unsigned mail rather than no mail: a node without OpenDKIM still serves its mailboxes.
    const dkim = await startOpendkim(paths, config.HOSTPLANE_MAIL_DKIM_PORT, logger).catch((error: unknown) => {
      logger.error({ err: error }, 'OpenDKIM not started: submitted mail goes out unsigned');
      return null;
    });
    postfix.dkimPort = dkim ? config.HOSTPLANE_MAIL_DKIM_PORT : null;
    const dovecotOptions: DovecotOptions = {
      hostname,
      address,
      imapPort: config.HOSTPLANE_MAIL_IMAP_PORT,
      uid,
      replyPort: postfix.replyPort,
      sieve,
    };
    await ensureBaseConfig(paths, postfix, dovecotOptions);
    const dovecot = await startDovecot(paths, { host: address, port: config.HOSTPLANE_MAIL_IMAP_PORT }, logger);
    const master = await startPostfix(
      paths,
      config.HOSTPLANE_POSTFIX_MASTER_PATH,
      { host: address, port: postfix.smtpPort },
      logger,
    ).catch(async (error: unknown) => {
      await Promise.all([dovecot.stop(), dkim?.stop()]);
      throw error;
    });
    logger.info({ address, smtp: postfix.smtpPort, submission: postfix.submissionPort }, 'mail node answering');
    const deps: MailNodeDeps = {
      paths,
      postfix,
      dovecot: dovecotOptions,
      uid,
      sieve,
      logger,
      reloadDkim: dkim ? dkim.reload : null,
      endpoint: {
        hostname,
        address,
        smtpPort: postfix.smtpPort,
        submissionPort: postfix.submissionPort,
        imapPort: config.HOSTPLANE_MAIL_IMAP_PORT,
      },
    };
    return {
      activities: createMailActivities(deps),
      close: async () => {
        await Promise.all([master.stop(), dovecot.stop(), dkim?.stop()]);
      },
    };
  } catch (error) {
    logger.error(
      { err: error },
      'Postfix/Dovecot not started: mail unavailable on this node (packages postfix, dovecot-*?)',
    );
    return { ...none, activities: unavailable(`Mail could not start: ${(error as Error).message}`) };
  }
}
