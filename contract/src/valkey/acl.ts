// Pure: validation of an instance's users and their ACL rules, shared by the control plane (to
// refuse bad input early) and the node agent (which renders them: node-agent's valkey/acl-file.ts).
import {
  VALKEY_ACL_CATEGORIES,
  VALKEY_USER_NAME_PATTERN,
  type ValkeyAclRules,
  type ValkeyUserSpec,
} from './contract.js';
import { grantProblem } from './acl-policy.js';
import { ValkeyError } from './errors.js';
import { VALKEY_PASSWORD_HASH_PATTERN } from './password-hash.js';

const PATTERN = /^[A-Za-z0-9:_*.-]{1,200}$/;
const CATEGORY = new RegExp(`^[+-]@(${VALKEY_ACL_CATEGORIES.join('|')})$`);
const COMMAND = /^[+-][a-z][a-z0-9-]{0,40}(\|[a-z][a-z0-9-]{0,40})?$/;
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
