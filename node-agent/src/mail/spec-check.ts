// What the agent checks before it writes anything of a mail spec: every name and hash in the shape
// the maps allow, and aliases and forwards Postfix can expand without surprises (no alias over a
// mailbox, no target on a hosted domain that nothing holds, no loop). The server validates the
// same rules (the contract's) as userErrors; this is the agent's own line, never trusting it.
import { NonRetryableError } from '@hostplane/contract/errors';
import { MAIL_REJECTED, type MailNodeSpec } from '@hostplane/contract/mail';
import {
  domainOfAddress,
  findLoop,
  isAliasAddress,
  isArgon2idHash,
  isDkimSelector,
  isMailAddress,
  isMailDomain,
  mailTargetsProblem,
} from '@hostplane/contract/mail/addresses';
import { autoReplyProblem } from '@hostplane/contract/mail/auto-reply';

const reject = (why: string): never => {
  throw new NonRetryableError(MAIL_REJECTED, why);
};

/** Throws MailRejected (a retry cannot fix it) for the first problem of `spec`. */
export function checkMailNodeSpec(spec: MailNodeSpec): void {
  const domains = new Set<string>();
  for (const d of spec.domains) {
    if (!isMailDomain(d.name) || domains.has(d.name)) reject(`bad or repeated mail domain ${d.name}`);
    if (d.dkim && (!isDkimSelector(d.dkim.selector) || !d.dkim.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----')))
      reject(`bad DKIM selector or key for ${d.name}`);
    domains.add(d.name);
  }
  const mailboxes = new Set<string>();
  for (const m of spec.mailboxes) {
    if (!isMailAddress(m.address) || mailboxes.has(m.address)) reject(`bad or repeated address ${m.address}`);
    if (!domains.has(domainOfAddress(m.address))) reject(`${m.address} is in no domain of the spec`);
    if (!isArgon2idHash(m.passwordHash)) reject(`the password hash of ${m.address} is not Argon2id`);
    if (!Number.isSafeInteger(m.quotaBytes) || m.quotaBytes < 1) reject(`bad quota for ${m.address}`);
    const problem = m.autoReply && autoReplyProblem(m.autoReply);
    if (problem) reject(`auto-reply of ${m.address}: ${problem.field}: ${problem.message}`);
    mailboxes.add(m.address);
  }
  const aliases = new Set<string>();
  for (const a of spec.aliases ?? []) {
    if (!isAliasAddress(a.address) || aliases.has(a.address)) reject(`bad or repeated alias ${a.address}`);
    if (mailboxes.has(a.address)) reject(`alias ${a.address} is a mailbox's address`);
    if (!domains.has(domainOfAddress(a.address))) reject(`alias ${a.address} is in no domain of the spec`);
    aliases.add(a.address);
  }
  // Where each address sends mail on (aliases and forwards): checked whole, then for loops.
  const edges = new Map<string, string[]>();
  for (const a of spec.aliases ?? []) edges.set(a.address, a.targets);
  for (const m of spec.mailboxes) {
    if (m.forward && m.forward.to.length > 0) edges.set(m.address, m.forward.to);
  }
  for (const [from, targets] of edges) {
    const problem = mailTargetsProblem(from, targets);
    if (problem) reject(`targets of ${from}: ${problem}`);
    for (const target of targets) {
      // A hosted domain's address nothing holds would bounce, or fall into its catch-all and loop.
      if (domains.has(domainOfAddress(target)) && !mailboxes.has(target) && !aliases.has(target))
        reject(`${from} targets ${target}, which no mailbox or alias of its domain holds`);
    }
  }
  const loop = findLoop(edges);
  if (loop) reject(`aliases and forwards loop: ${loop.join(' → ')}`);
}
