// Pure: validation and rendering of an instance's ACL file (testable without a server, and
// usable by the control plane to refuse bad input early).
import {
  VALKEY_ACL_CATEGORIES,
  VALKEY_USER_NAME_PATTERN,
  type ValkeyAclRules,
  type ValkeyUserSpec,
} from './contract.js';
import { grantProblem, VALKEY_OWN_INSTANCE_COMMANDS } from './acl-policy.js';
import { ValkeyError } from './errors.js';
import { VALKEY_PASSWORD_HASH_PATTERN } from './password-hash.js';

/** The agent's own user on every instance; tenant names start with `kv_`, so it cannot clash. */
export const AGENT_ACL_USER = 'hostplane-agent';

const PATTERN = /^[A-Za-z0-9:_*.-]{1,200}$/;
const CATEGORY = new RegExp(`^[+-]@(${VALKEY_ACL_CATEGORIES.join('|')})$`);
const COMMAND = /^[+-][a-z][a-z0-9-]{0,40}(\|[a-z][a-z0-9-]{0,40})?$/;
// Appended to every tenant user, after its own rules, so no rule order (and no command a newer
// server adds to these categories) can grant them: see acl-policy.ts for why each is denied.
const ALWAYS_DENIED = ['-@admin', '-@dangerous', '-@scripting', '-migrate'];

function invalid(message: string): ValkeyError {
  return new ValkeyError('InvalidValkeySpec', message);
}

function checkRules(user: string, rules: ValkeyAclRules): void {
  for (const p of [...rules.keys, ...(rules.channels ?? [])]) {
    if (!PATTERN.test(p)) throw invalid(`user ${user}: invalid key or channel pattern "${p}"`);
  }
  for (const c of rules.commands) {
    if (!CATEGORY.test(c) && !COMMAND.test(c)) throw invalid(`user ${user}: invalid command rule "${c}"`);
    const problem = grantProblem(c);
    if (problem) throw invalid(`user ${user}: ${problem}`);
  }
}

/** Refuses malformed users (names outside the instance, non-hash passwords, bad rules). */
export function validateUsers(instance: string, users: ValkeyUserSpec[]): void {
  const seen = new Set<string>();
  for (const user of users) {
    const name = user.name;
    if (!VALKEY_USER_NAME_PATTERN.test(name)) throw invalid(`invalid Valkey user name "${name}"`);
    if (name !== instance && !name.startsWith(`${instance}_`)) {
      throw invalid(`user ${name} does not belong to instance ${instance}`);
    }
    if (seen.has(name)) throw invalid(`user ${name} is listed twice`);
    seen.add(name);
    // The hash itself is not echoed: it is a secret, if not a plaintext one.
    if (!VALKEY_PASSWORD_HASH_PATTERN.test(user.passwordHash)) {
      throw invalid(`password of ${name} is not a SHA-256 hex hash`);
    }
    checkRules(name, user.rules);
  }
}

/**
 * The own-instance @dangerous commands the user's rules grant by name (the last rule naming one
 * decides): put back after the blanket denials.
 */
function ownInstanceGrants(commands: string[]): string[] {
  const last = new Map<string, string>();
  for (const rule of commands) {
    const name = rule.slice(1);
    if ((VALKEY_OWN_INSTANCE_COMMANDS as readonly string[]).includes(name)) last.set(name, rule);
  }
  return [...last.values()].filter((rule) => rule.startsWith('+'));
}

/**
 * One `user` line: nothing allowed, then the user's keys, channels and commands, then the
 * denials, then the own-instance commands it was granted by name.
 */
function userLine(user: ValkeyUserSpec): string {
  const { keys, channels = [], commands } = user.rules;
  return [
    'user',
    user.name,
    user.disabled ? 'off' : 'on',
    `#${user.passwordHash}`,
    'resetkeys',
    'resetchannels',
    ...keys.map((k) => `~${k}`),
    ...channels.map((c) => `&${c}`),
    '-@all',
    ...commands,
    ...ALWAYS_DENIED,
    ...ownInstanceGrants(commands),
  ].join(' ');
}

/**
 * The instance's ACL file: the default user off with no password (nobody can be it), the agent's
 * user (hash of its derived password), then the tenant's users. Holds hashes only.
 */
export function renderAclFile(agentPasswordHash: string, users: ValkeyUserSpec[]): string {
  const lines = [
    'user default off resetpass resetkeys resetchannels -@all',
    `user ${AGENT_ACL_USER} on #${agentPasswordHash} ~* &* +@all`,
    ...[...users].sort((a, b) => a.name.localeCompare(b.name)).map(userLine),
  ];
  return `${lines.join('\n')}\n`;
}
