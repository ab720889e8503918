// What a tenant's Valkey user may be granted. Pure data and checks, shared by the agent (before
// it renders an ACL file) and the API (a userError on `commands`) through validateUsers.
import { VALKEY_ACL_CATEGORIES } from './contract.js';

/**
 * Categories that are never granted, only denied: @all and @dangerous hold the commands below,
 * @scripting runs Lua inside the server (whose sandbox has had escapes), @admin is not nameable.
 */
export const VALKEY_DENIED_CATEGORIES = ['all', 'dangerous', 'scripting', 'admin'] as const;

/** Categories a tenant may grant with `+@name`: every nameable one but the denied ones. */
export const VALKEY_GRANTABLE_CATEGORIES: readonly string[] = VALKEY_ACL_CATEGORIES.filter(
  (c) => !(VALKEY_DENIED_CATEGORIES as readonly string[]).includes(c),
);

/**
 * @dangerous commands that act on the tenant's own instance only, grantable by name (`+flushdb`);
 * no category grants them.
 */
export const VALKEY_OWN_INSTANCE_COMMANDS = ['flushall', 'flushdb', 'info', 'keys', 'sort', 'sort_ro'] as const;

/**
 * Never granted, by name or container (`+config`, `+client|kill`): @admin, @dangerous and
 * @scripting of Valkey/Redis 7 less the own-instance ones. They read or change the server's
 * config and files (CONFIG, DEBUG, MODULE, SAVE), dial out (MIGRATE, REPLICAOF), stream or watch
 * every key (SYNC, PSYNC, MONITOR), feed the server crafted payloads (RESTORE) or run code (EVAL).
 * The ACL file also denies @admin, @dangerous and @scripting after every user's own rules, so a
 * command a newer server adds to them stays denied.
 */
export const VALKEY_DENIED_COMMANDS: readonly string[] = [
  'acl',
  'bgrewriteaof',
  'bgsave',
  'client|kill',
  'client|list',
  'client|no-evict',
  'client|pause',
  'client|unblock',
  'client|unpause',
  'cluster',
  'config',
  'debug',
  'eval',
  'eval_ro',
  'evalsha',
  'evalsha_ro',
  'failover',
  'fcall',
  'fcall_ro',
  'function',
  'lastsave',
  'latency',
  'migrate',
  'module',
  'monitor',
  'pfdebug',
  'pfselftest',
  'psync',
  'replconf',
  'replicaof',
  'restore',
  'restore-asking',
  'role',
  'save',
  'script',
  'shutdown',
  'slaveof',
  'slowlog',
  'swapdb',
  'sync',
];

/** Why a `+…` command rule may not be granted to a tenant's user, or null (also for `-…`). */
export function grantProblem(rule: string): string | null {
  if (!rule.startsWith('+')) return null;
  const name = rule.slice(1);
  if (name.startsWith('@')) {
    if (VALKEY_GRANTABLE_CATEGORIES.includes(name.slice(1))) return null;
    return `command rule "${rule}" is not grantable: categories a user may get are ${VALKEY_GRANTABLE_CATEGORIES.map((c) => `@${c}`).join(' ')}`;
  }
  const [command = '', sub] = name.split('|');
  // A container (`+client`) grants every subcommand, the denied ones (`client|kill`) too.
  const denied = VALKEY_DENIED_COMMANDS.some(
    (d) => d === command || d === name || (sub === undefined && d.startsWith(`${command}|`)),
  );
  return denied
    ? `command rule "${rule}" grants a command tenants may not use (server config, files, replication, dumps or scripts)`
    : null;
}
