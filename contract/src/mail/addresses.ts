// Mail addresses the API accepts and the node agent writes into Postfix maps and Dovecot's
// passwd-file: one check on both sides, strict enough that no value can break a map line
// (no whitespace, `:`, `#`, quotes or control characters) or name a file outside the mail root.

/** A local part: dot-atom of lowercase letters, digits and `!#$%&'*+/=?^_`{|}~-`, minus what maps treat specially. */
const LOCAL_PART = /^[a-z0-9_+-](?:[a-z0-9_+=-]|\.(?!\.))*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const MAX_LOCAL_PART_LENGTH = 64;

/** Why `local` is not a local part we host, or null. */
export function localPartProblem(local: string): string | null {
  if (local.length === 0) return 'The local part is empty.';
  if (local.length > MAX_LOCAL_PART_LENGTH) return `The local part is longer than ${MAX_LOCAL_PART_LENGTH} characters.`;
  if (local !== local.toLowerCase()) return 'The local part must be lowercase.';
  if (!LOCAL_PART.test(local) || local.endsWith('.'))
    return 'The local part may hold a-z, 0-9, ".", "_", "+", "=" and "-", with no leading, trailing or double dot.';
  return null;
}

export const isMailDomain = (name: string): boolean => DOMAIN.test(name);

/** True for `local@domain` with both parts as above. */
export function isMailAddress(address: string): boolean {
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  return localPartProblem(address.slice(0, at)) === null && isMailDomain(address.slice(at + 1));
}

/** Dovecot's Argon2id hash as the API makes it: only this form reaches a passwd-file. */
export const isArgon2idHash = (hash: string): boolean => /^\{ARGON2ID\}\$argon2id\$v=19\$[A-Za-z0-9=,$+/]+$/.test(hash);

/** A DKIM selector: one DNS label. */
export const isDkimSelector = (selector: string): boolean => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(selector);

/** The domain of `local@domain` or of a catch-all `@domain`. */
export const domainOfAddress = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** True for a catch-all: `@domain`, the domain's every address no mailbox or alias holds. */
export const isCatchAll = (address: string): boolean => address.startsWith('@') && isMailDomain(address.slice(1));

/** An alias's own address: `local@domain` or the catch-all `@domain`. */
export const isAliasAddress = (address: string): boolean => isMailAddress(address) || isCatchAll(address);

/**
 * Why `targets` cannot be where mail to `from` goes (an alias's targets or a mailbox's forward),
 * or null: each a `local@domain` by the rules above, none twice, never `from` itself (a loop).
 * Whether a hosted target exists is the caller's check (it knows the node's mailboxes).
 */
export function mailTargetsProblem(from: string, targets: readonly string[], max = MAX_MAIL_TARGETS): string | null {
  if (targets.length === 0) return 'At least one target address is needed.';
  if (targets.length > max) return `At most ${max} target addresses.`;
  const seen = new Set<string>();
  for (const target of targets) {
    if (!isMailAddress(target)) return `${JSON.stringify(target)} is not a lowercase local@domain address.`;
    if (target === from) return `${target} cannot forward to itself.`;
    if (seen.has(target)) return `${target} is named twice.`;
    seen.add(target);
  }
  return null;
}

/** Targets of one alias or forward: enough for a team, few enough to keep a map line short. */
export const MAX_MAIL_TARGETS = 50;

/**
 * A cycle through aliases and forwards (`from` → its targets), as `[a, b, …, a]`, or null: Postfix
 * would defer such mail forever. The agent refuses a spec with one; the worker drops one edge of it.
 */
export function findLoop(edges: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (address: string): string[] | null => {
    if (state.get(address) === 'done') return null;
    if (state.get(address) === 'open') return [...trail.slice(trail.indexOf(address)), address];
    state.set(address, 'open');
    trail.push(address);
    for (const next of edges.get(address) ?? []) {
      const loop = visit(next);
      if (loop) return loop;
    }
    trail.pop();
    state.set(address, 'done');
    return null;
  };
  for (const address of edges.keys()) {
    const loop = visit(address);
    if (loop) return loop;
  }
  return null;
}
