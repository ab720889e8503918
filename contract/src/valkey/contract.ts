// What workflows and the control plane share with the Valkey activities: plain data only, no
// Node built-ins, so it is safe inside the deterministic workflow bundle.

/** `kv_` + 10 lowercase letters or digits: the instance, its folder and its supervisor program. */
export const VALKEY_INSTANCE_NAME_PATTERN = /^kv_[a-z0-9]{10}$/;
/** The instance name, optionally followed by `_` and a suffix (`kv_abc123defg_app`). */
export const VALKEY_USER_NAME_PATTERN = /^kv_[a-z0-9]{10}(_[a-z0-9_]{1,20})?$/;

export const EVICTION_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

/** Command categories a tenant user's rules may name (`ACL CAT`, less `admin`); see acl-policy.ts for which may be granted. */
export const VALKEY_ACL_CATEGORIES = [
  'all',
  'keyspace',
  'read',
  'write',
  'set',
  'sortedset',
  'list',
  'hash',
  'string',
  'bitmap',
  'hyperloglog',
  'geo',
  'stream',
  'pubsub',
  'fast',
  'slow',
  'blocking',
  'dangerous',
  'connection',
  'transaction',
  'scripting',
] as const;

/**
 * What a user may touch. Each list is validated against a strict grammar and rendered by the
 * agent; nothing is pasted into the ACL file as given.
 */
export interface ValkeyAclRules {
  /** Key glob patterns (`app:*`): letters, digits and `: _ * . -`. */
  keys: string[];
  /** Pub/sub channel patterns, same alphabet; none = no pub/sub. */
  channels?: string[];
  /**
   * In order, on top of "no commands": `+@read`, `-@dangerous`, `+get`, `-flushdb`, `+client|id`.
   * Granting @all, @dangerous, @scripting or a command of theirs (RESTORE, EVAL, CONFIG, …) is
   * refused; FLUSHDB, FLUSHALL, KEYS, INFO, SORT and SORT_RO may be granted by name. The allowed
   * set and the reasons are in acl-policy.ts.
   */
  commands: string[];
}

export interface ValkeyUserSpec {
  /** Starts with the instance name (see VALKEY_USER_NAME_PATTERN). */
  name: string;
  /** SHA-256 of the password, 64 lowercase hex digits; never the plaintext. */
  passwordHash: string;
  rules: ValkeyAclRules;
  /** Its tenant is suspended: the user is `off` (no AUTH) and its open connections are closed. */
  disabled?: boolean;
}

/** A tenant's Valkey instance on a valkey-role node: one server process of its own. */
export interface ValkeyInstanceSpec {
  name: string;
  /** TCP port, inside the node's configured range and unique on the node. */
  port: number;
  maxMemoryMb: number;
  evictionPolicy: EvictionPolicy;
  /**
   * The owning tenant's Linux UID: of the node's tenants only it may connect to the instance's
   * port (the egress floor). Absent on an instance synced before owners were sent: open to every
   * tenant of the node, as before, until its next sync.
   */
  ownerUid?: number;
  /** The complete set of users; users not listed lose access. The default user is always off. */
  users: ValkeyUserSpec[];
}

/** An RDB snapshot written by `dumpValkeyInstance`. */
export interface ValkeyDumpResult {
  path: string;
  bytes: number;
  /** SHA-256 of the file, so a copy to another node can be checked. */
  sha256: string;
}
