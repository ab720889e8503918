import type { Logger } from 'pino';
import { CAPABILITY_MISSING } from '@hostplane/contract/capabilities';
import { NonRetryableError } from '@hostplane/contract/errors';
import type { MailActivities, MailEndpoint, MailNodeSpec } from '@hostplane/contract/mail';
import { reconcile } from '../reconcile.js';
import { writeDkimFiles } from './dkim.js';
import { renderPassdb, renderUserdb, type DovecotOptions } from './dovecot-config.js';
import type { MailPaths } from './paths.js';
import { renderMainCf, renderMasterCf, renderPostfixTables, type PostfixOptions } from './postfix-config.js';
import { livePostfixFiles, sameFiles, swapPostfixGeneration } from './postfix-generation.js';
import { reloadPostfix } from './servers.js';
import { replaceUserFile, untilDovecotSees } from './users.js';
import { removeMailboxData } from './mailbox-data.js';
import { applySieveScripts } from './sieve.js';
import { checkMailNodeSpec } from './spec-check.js';
import { reloadDovecot, removeTlsFiles, writeDovecotConf, writeTlsFiles } from './tls.js';

export interface MailNodeDeps {
  paths: MailPaths;
  postfix: PostfixOptions;
  /** Dovecot's settings; its config is rendered again when the node's TLS changes. */
  dovecot: DovecotOptions;
  uid: number;
  /** Pigeonhole (dovecot-sieve) is installed: auto-replies can run. */
  sieve: boolean;
  endpoint: MailEndpoint;
  logger: Logger;
  /** Makes OpenDKIM re-read its keys and tables; null when it is not running (mail goes unsigned). */
  reloadDkim: (() => void) | null;
}

/** Applies a whole node spec: unchanged files are left alone; Postfix reloads once if its config moved. */
export async function applyMailSpec(deps: MailNodeDeps, spec: MailNodeSpec): Promise<boolean> {
  checkMailNodeSpec(spec);
  const tls = spec.tls !== undefined;
  const files = {
    'main.cf': renderMainCf(deps.paths, deps.postfix, tls),
    'master.cf': renderMasterCf(deps.paths, deps.postfix, tls),
    ...renderPostfixTables(spec),
  };
  // Scripts first, each compiled before it is live: a script that does not compile swaps nothing else.
  if (!deps.sieve && spec.mailboxes.some((m) => m.autoReply))
    throw new NonRetryableError(
      CAPABILITY_MISSING,
      'Auto-replies need Sieve on this mail node (package dovecot-sieve)',
    );
  const sieve = deps.sieve && (await applySieveScripts(deps.paths, spec, deps.uid, deps.paths.dovecotConf));
  // Users next: a mailbox Postfix accepts mail for already exists for Dovecot's LMTP.
  const userdb = await replaceUserFile(deps.paths.userdb, renderUserdb(spec.mailboxes, deps.uid));
  const passdb = await replaceUserFile(deps.paths.passdb, renderPassdb(spec.mailboxes));
  // A refused login is refused once the activity answers (Dovecot looks at the files once a second).
  if (userdb) await untilDovecotSees(deps.paths.userdb);
  if (passdb) await untilDovecotSees(deps.paths.passdb);
  // The certificate before the configs that name it; removed only once no config names it.
  const tlsFiles = spec.tls ? await writeTlsFiles(deps.paths, spec.tls) : false;
  const dovecot = await writeDovecotConf(deps.paths, deps.dovecot, tls);
  if (dovecot || tlsFiles) await reloadDovecot(deps.paths);
  let changed = sieve || userdb || passdb || dovecot || tlsFiles;
  if (deps.reloadDkim && (await writeDkimFiles(deps.paths, spec.domains))) {
    deps.reloadDkim();
    changed = true;
  }
  if (!sameFiles(files, await livePostfixFiles(deps.paths))) {
    await swapPostfixGeneration(deps.paths, files);
    await reloadPostfix(deps.paths);
    changed = true;
  } else if (tlsFiles) {
    // A renewed certificate: smtpd processes read it when they start.
    await reloadPostfix(deps.paths);
  }
  if (!tls && (await removeTlsFiles(deps.paths))) changed = true;
  return changed;
}

/** One rollout at a time: two applies never interleave their swaps (the last one wins whole). */
export function createMailActivities(deps: MailNodeDeps): MailActivities {
  let queue: Promise<unknown> = Promise.resolve();
  // Deleting mail waits its turn too: an apply that brings a mailbox back never races its removal.
  const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    applyMailNode: (spec) =>
      reconcile(
        deps.logger,
        'applyMailNode',
        { domains: spec.domains.length, mailboxes: spec.mailboxes.length, aliases: spec.aliases?.length ?? 0 },
        async () => ({ changed: await inTurn(() => applyMailSpec(deps, spec)), endpoint: deps.endpoint }),
      ),
    removeMailboxData: (addresses) =>
      reconcile(
        deps.logger,
        'removeMailboxData',
        { addresses: addresses.length },
        async () => ({ removed: await inTurn(() => removeMailboxData(deps.paths, addresses)) }),
        { logChanged: false },
      ),
  };
}
