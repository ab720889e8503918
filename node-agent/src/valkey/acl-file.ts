// Pure: rendering of an instance's ACL file from users the contract's validateUsers accepted.
import { VALKEY_OWN_INSTANCE_COMMANDS, type ValkeyUserSpec } from '@hostplane/contract/data-stores';

/** The agent's own user on every instance; tenant names start with `kv_`, so it cannot clash. */
export const AGENT_ACL_USER = 'hostplane-agent';

// Appended to every tenant user, after its own rules, so no rule order (and no command a newer
// server adds to these categories) can grant them: see the contract's valkey/acl-policy.ts for why each is denied.
const ALWAYS_DENIED = ['-@admin', '-@dangerous', '-@scripting', '-migrate'];

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
