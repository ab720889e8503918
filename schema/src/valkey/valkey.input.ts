import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { UserError } from '../common/user-error.js';
import { DataStoreFilter } from '../databases/database.input.js';
import { ValkeyEvictionPolicy, ValkeyInstance, ValkeyUser } from './valkey.type.js';

@InputType({ description: 'Create a Valkey instance for a tenant.' })
export class CreateValkeyInstanceInput {
  @Field(() => ID, { description: 'The tenant that owns it.' })
  tenantId!: string;

  @Field(() => ID, { nullable: true, description: 'VALKEY shard; omitted = the least-loaded one with nodes.' })
  shardId?: string | null;

  @Field(() => Int, { description: 'Memory limit in MiB (1 up to what the shard’s nodes have left).' })
  maxMemoryMb!: number;

  @Field(() => ValkeyEvictionPolicy, { nullable: true, description: 'Default NOEVICTION.' })
  evictionPolicy?: ValkeyEvictionPolicy | null;
}

@InputType({ description: 'Change an instance’s limits; omitted fields stay. Applied live.' })
export class UpdateValkeyInstanceInput {
  @Field(() => ID, { description: 'The instance.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: 'New memory limit in MiB.' })
  maxMemoryMb?: number | null;

  @Field(() => ValkeyEvictionPolicy, { nullable: true, description: 'New eviction policy.' })
  evictionPolicy?: ValkeyEvictionPolicy | null;
}

@InputType({ description: 'Refer to one Valkey instance.' })
export class ValkeyInstanceIdInput {
  @Field(() => ID, { description: 'The instance.' })
  id!: string;
}

@InputType({
  description: 'Move an instance to another VALKEY shard: RDB dump, import on the target, switch, remove the source.',
})
export class MigrateValkeyInstanceInput {
  @Field(() => ID, { description: 'The instance.' })
  id!: string;

  @Field(() => ID, { description: 'The VALKEY shard to move it to.' })
  shardId!: string;
}

@InputType({ description: 'Create an ACL user of a Valkey instance.' })
export class CreateValkeyUserInput {
  @Field(() => ID, { description: 'The instance.' })
  instanceId!: string;

  @Field({ description: 'User name: the instance name, optionally + `_` + 1–20 of [a-z0-9_] (`kv_abc123defg_app`).' })
  name!: string;

  @Field({
    description:
      'At least 12 characters from 3 classes (lower, upper, digit, other), not containing the user name. Stored only hashed.',
  })
  password!: string;

  @Field(() => [String], { description: 'Key glob patterns (letters, digits and `: _ * . -`), e.g. `app:*`.' })
  keyPatterns!: string[];

  @Field(() => [String], { nullable: true, description: 'Pub/sub channel patterns (default none).' })
  channels?: string[] | null;

  @Field(() => [String], { description: 'Command rules: `+@read`, `-@dangerous`, `+get`, `-flushdb`, `+client|id`.' })
  commands!: string[];
}

@InputType({ description: 'Change a Valkey user; omitted fields stay. Applied live.' })
export class UpdateValkeyUserInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New password (same rules as on create).' })
  password?: string | null;

  @Field(() => [String], { nullable: true, description: 'New key patterns.' })
  keyPatterns?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New channel patterns.' })
  channels?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'New command rules.' })
  commands?: string[] | null;
}

@InputType({ description: 'Refer to one Valkey user.' })
export class ValkeyUserIdInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@ObjectType({ description: 'Result of a Valkey instance mutation.' })
export class ValkeyInstancePayload {
  @Field(() => ValkeyInstance, { nullable: true, description: 'The instance, as written (null on userErrors).' })
  valkeyInstance!: ValkeyInstance | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a Valkey user mutation.' })
export class ValkeyUserPayload {
  @Field(() => ValkeyUser, { nullable: true, description: 'The user, as written (null on userErrors).' })
  valkeyUser!: ValkeyUser | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ArgsType()
export class ValkeyInstancesArgs extends PageArgs {
  @Field(() => DataStoreFilter, { nullable: true, description: 'Filter.' })
  filter?: DataStoreFilter | null;
}
