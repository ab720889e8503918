// Auto-replies as Sieve `vacation` scripts, one a mailbox, run by Dovecot's LMTP at delivery. The
// agent renders each from structured data: the tenant's subject and body only ever become Sieve
// quoted strings (`"` and `\` escaped, nothing else special without the variables or
// encoded-character extensions, which the script never requires), so no text can end the string
// and add a command. Each script is compiled by `sievec` before it goes live (then again in
// place, so LMTP loads that binary), so LMTP never runs a script that did not compile.
import { chmod, chown, mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NonRetryableError } from '@hostplane/contract/errors';
import { MAIL_REJECTED, type MailAutoReplySpec, type MailNodeSpec } from '@hostplane/contract/mail';
import { domainOfAddress, isCatchAll } from '@hostplane/contract/mail/addresses';
import { CommandError, runCommand } from '../linux-users/run-command.js';
import type { MailPaths } from './paths.js';

/** A Sieve quoted string holding exactly `text` (RFC 5228 §2.4.2). */
export const sieveString = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The script of one auto-reply: answers mail to `address` or its `aliases`, once per sender per
 * intervalDays, on the days of its range (UTC); outside the range it answers nothing.
 */
export function renderVacationScript(address: string, aliases: string[], reply: MailAutoReplySpec): string {
  const range = [
    ...(reply.startDate ? [`currentdate :zone "+0000" :value "ge" "date" ${sieveString(reply.startDate)}`] : []),
    ...(reply.endDate ? [`currentdate :zone "+0000" :value "le" "date" ${sieveString(reply.endDate)}`] : []),
  ];
  const vacation = [
    `vacation :days ${reply.intervalDays}`,
    `  :subject ${sieveString(reply.subject)}`,
    `  :addresses [${[address, ...aliases].map(sieveString).join(', ')}]`,
    `  ${sieveString(reply.body.replace(/\r\n?/g, '\n'))};`,
  ].join('\n');
  const body = range.length ? `if allof (${range.join(',\n          ')}) {\n${vacation}\n}` : vacation;
  const extensions = range.length ? '["vacation", "date", "relational"]' : '["vacation"]';
  return `# Rendered by the Hostplane node agent.\nrequire ${extensions};\n${body}\n`;
}

const scriptOf = (paths: MailPaths, address: string) =>
  path.join(paths.sieve, domainOfAddress(address), `${address.slice(0, address.lastIndexOf('@'))}.sieve`);
const binaryOf = (script: string) => script.replace(/\.sieve$/, '.svbin');

/** The scripts a spec wants, by file path. */
function wantedScripts(paths: MailPaths, spec: MailNodeSpec): Map<string, string> {
  const aliasesOf = new Map<string, string[]>();
  for (const a of spec.aliases ?? []) {
    if (isCatchAll(a.address)) continue;
    for (const t of a.targets) aliasesOf.set(t, [...(aliasesOf.get(t) ?? []), a.address]);
  }
  const wanted = new Map<string, string>();
  for (const m of spec.mailboxes) {
    if (m.autoReply)
      wanted.set(
        scriptOf(paths, m.address),
        renderVacationScript(m.address, aliasesOf.get(m.address) ?? [], m.autoReply),
      );
  }
  return wanted;
}

/**
 * Makes the sieve folder hold exactly the spec's scripts (root's, group the mail GID, 0640:
 * Dovecot reads them, no tenant reads or writes them). True if anything changed.
 */
export async function applySieveScripts(paths: MailPaths, spec: MailNodeSpec, gid: number, dovecotConf: string) {
  await ensureDir(paths.sieve, gid);
  const wanted = wantedScripts(paths, spec);
  let changed = false;
  for (const [script, text] of wanted) {
    if ((await readFile(script, 'utf8').catch(() => null)) === text) continue;
    await ensureDir(path.dirname(script), gid);
    // A leading dot: no local part starts with one, so no mailbox's script is ever this name.
    const next = path.join(path.dirname(script), `.${path.basename(script, '.sieve')}.next.sieve`);
    await writeFile(next, text, { mode: 0o640 });
    await chown(next, 0, gid);
    await compile(next, dovecotConf, '.check.svbin').catch(async (error: unknown) => {
      await rm(next, { force: true });
      throw error;
    });
    await rename(next, script);
    // Compiled again where it lives: a binary records its script's path, and one compiled
    // elsewhere would be recompiled at every delivery (LMTP cannot save beside a root-owned script).
    await compile(script, dovecotConf, '.svbin');
    await chown(binaryOf(script), 0, gid);
    await chmod(binaryOf(script), 0o640);
    changed = true;
  }
  for (const domain of await readdir(paths.sieve)) {
    const dir = path.join(paths.sieve, domain);
    for (const file of await readdir(dir)) {
      const script = path.join(dir, file.replace(/\.svbin$/, '.sieve'));
      if (wanted.has(script)) continue;
      await rm(path.join(dir, file), { force: true });
      changed = true;
    }
    await rmdir(dir).catch(() => undefined); // only once empty
  }
  return changed;
}

/** Compiles `script` to `<script minus .sieve><suffix>`; a script that does not compile is MailRejected. */
async function compile(script: string, dovecotConf: string, suffix: string): Promise<void> {
  const binary = script.replace(/\.sieve$/, suffix);
  try {
    await runCommand('sievec', ['-c', dovecotConf, script, binary]);
  } catch (error) {
    const detail = error instanceof CommandError ? error.stderr.trim() : String(error);
    throw new NonRetryableError(MAIL_REJECTED, `the auto-reply script ${script} did not compile: ${detail}`);
  } finally {
    if (suffix !== '.svbin') await rm(binary, { force: true });
  }
}

/** Removes one address's script and binary (its mailbox's data is being deleted). */
export async function removeSieveScript(paths: MailPaths, address: string): Promise<boolean> {
  const script = scriptOf(paths, address);
  const existed = (await readFile(script).catch(() => null)) !== null;
  await rm(script, { force: true });
  await rm(binaryOf(script), { force: true });
  return existed;
}

async function ensureDir(dir: string, gid: number) {
  await mkdir(dir, { recursive: true, mode: 0o750 });
  await chown(dir, 0, gid);
  await chmod(dir, 0o750);
}
