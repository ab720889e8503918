// Runtime lists of the schema's enums for validating command-line input before anything is
// sent. Each is written as a Record over the generated union type, so the compiler rejects the
// list as soon as the schema adds or drops a value: it cannot drift silently.
import type { ShardRole } from '@hostplane/schema/sdk';

const shardRoles: Record<ShardRole, true> = {
  WEB: true,
  DATABASE: true,
  VALKEY: true,
  LB: true,
  DNS: true,
  EMAIL: true,
  S3: true,
  GATEWAY: true,
};

/** Every ShardRole value. */
export const SHARD_ROLES = Object.keys(shardRoles) as [ShardRole, ...ShardRole[]];
