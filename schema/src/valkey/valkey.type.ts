import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

/** GraphQL names for Valkey's `maxmemory-policy` values (the enum's values are the config words). */
export enum ValkeyEvictionPolicy {
  NOEVICTION = 'noeviction',
  ALLKEYS_LRU = 'allkeys-lru',
  ALLKEYS_LFU = 'allkeys-lfu',
  ALLKEYS_RANDOM = 'allkeys-random',
  VOLATILE_LRU = 'volatile-lru',
  VOLATILE_LFU = 'volatile-lfu',
  VOLATILE_RANDOM = 'volatile-random',
  VOLATILE_TTL = 'volatile-ttl',
}
registerEnumType(ValkeyEvictionPolicy, {
  name: 'ValkeyEvictionPolicy',
  description: 'What Valkey does when maxMemoryMb is reached (`maxmemory-policy`); NOEVICTION refuses writes.',
});

/** A row of the Valkey instances table, as the valkey port hands it out. */
export interface ValkeyInstanceRecord extends OwnedResourceRecord {
  name: string;
  shardId: string;
  port: number;
  maxMemoryMb: number;
  evictionPolicy: string;
  migratingToShardId: string | null;
}

/** A Valkey user without its password hash: the hash never leaves the service. */
export interface ValkeyUserRecord extends OwnedResourceRecord {
  name: string;
  instanceId: string;
  keyPatterns: string[];
  channels: string[];
  commands: string[];
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A tenant’s Valkey (Redis-compatible) server: its own process, config, ACL file and port on every node of a VALKEY shard.',
})
export class ValkeyInstance extends AsyncResource {
  @Field({ description: 'System name, `kv_` + 10 random characters. Globally unique.' })
  name!: string;

  @Field(() => Int, { description: 'TCP port on the shard’s nodes.' })
  port!: number;

  @Field(() => Int, { description: 'Memory limit (`maxmemory`) in MiB.' })
  maxMemoryMb!: number;

  @Field(() => ValkeyEvictionPolicy, { description: 'What happens at the memory limit.' })
  evictionPolicy!: ValkeyEvictionPolicy;

  @Field({ description: 'When the instance was created.' })
  createdAt!: Date;

  @Field({ description: 'When the instance row last changed.' })
  updatedAt!: Date;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'A Valkey ACL user of one instance; its password is stored only as a SHA-256 hash. The default user is always off.',
})
export class ValkeyUser extends AsyncResource {
  @Field({ description: 'ACL user name; starts with the instance name (`kv_abc123defg_app`).' })
  name!: string;

  @Field(() => [String], { description: 'Key glob patterns the user may touch (`app:*`).' })
  keyPatterns!: string[];

  @Field(() => [String], { description: 'Pub/sub channel patterns (none = no pub/sub).' })
  channels!: string[];

  @Field(() => [String], {
    description: 'Command rules in order on top of "none": `+@read`, `-@dangerous`, `+get`. @admin is always denied.',
  })
  commands!: string[];

  @Field({ description: 'When the user was created.' })
  createdAt!: Date;

  @Field({ description: 'When the user row last changed.' })
  updatedAt!: Date;
}

export const ValkeyInstanceConnection = ConnectionType(ValkeyInstance, 'ValkeyInstance');
