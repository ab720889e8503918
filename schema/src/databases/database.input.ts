import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import { ResourceStatus } from '../common/status.js';
import { UserError } from '../common/user-error.js';
import { Database, DatabaseAccessRule, DatabasePrivileges, DatabaseUser } from './database.type.js';

@InputType({ description: 'Create a MySQL database for a tenant.' })
export class CreateDatabaseInput {
  @Field(() => ID, { description: 'The tenant that owns it.' })
  tenantId!: string;

  @Field(() => ID, { nullable: true, description: 'DATABASE shard; omitted = the least-loaded one with nodes.' })
  shardId?: string | null;

  @Field(() => String, { nullable: true, description: 'Character set the server supports (default `utf8mb4`).' })
  charset?: string | null;

  @Field(() => String, { nullable: true, description: 'A collation of the charset (default: the charset’s default).' })
  collation?: string | null;
}

@InputType({ description: 'Refer to one database.' })
export class DatabaseIdInput {
  @Field(() => ID, { description: 'The database.' })
  id!: string;
}

@InputType({
  description: 'Move a database to another DATABASE shard: dump, restore, verify, switch, drop the source.',
})
export class MigrateDatabaseInput {
  @Field(() => ID, { description: 'The database.' })
  id!: string;

  @Field(() => ID, { description: 'The DATABASE shard to move it to.' })
  shardId!: string;
}

@InputType({ description: 'Create a MySQL user of a database.' })
export class CreateDatabaseUserInput {
  @Field(() => ID, { description: 'The database.' })
  databaseId!: string;

  @Field({ description: 'User name: the database name, optionally + `_` + 1–20 of [a-z0-9_] (`db_abc123defg_admin`).' })
  name!: string;

  @Field({
    description:
      'At least 12 characters from 3 classes (lower, upper, digit, other), not containing the user name. Stored only hashed.',
  })
  password!: string;

  @Field(() => DatabasePrivileges, { nullable: true, description: 'Default ALL.' })
  privileges?: DatabasePrivileges | null;
}

@InputType({ description: 'Change a database user’s password or privileges; omitted fields stay.' })
export class UpdateDatabaseUserInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New password (same rules as on create).' })
  password?: string | null;

  @Field(() => DatabasePrivileges, { nullable: true, description: 'New privileges.' })
  privileges?: DatabasePrivileges | null;
}

@InputType({ description: 'Refer to one database user.' })
export class DatabaseUserIdInput {
  @Field(() => ID, { description: 'The user.' })
  id!: string;
}

@InputType({ description: 'Allow logins to a database from an address or network.' })
export class CreateDatabaseAccessRuleInput {
  @Field(() => ID, { description: 'The database.' })
  databaseId!: string;

  @Field({ description: 'IPv4 address, IPv4 CIDR or IPv6 address.' })
  cidr!: string;

  @Field(() => String, { nullable: true, description: 'Free-form note (at most 200 characters).' })
  description?: string | null;
}

@InputType({ description: 'Refer to one access rule.' })
export class DatabaseAccessRuleIdInput {
  @Field(() => ID, { description: 'The rule.' })
  id!: string;
}

@ObjectType({ description: 'Result of a database mutation.' })
export class DatabasePayload {
  @Field(() => Database, { nullable: true, description: 'The database, as written (null on userErrors).' })
  database!: Database | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of a database-user mutation.' })
export class DatabaseUserPayload {
  @Field(() => DatabaseUser, { nullable: true, description: 'The user, as written (null on userErrors).' })
  databaseUser!: DatabaseUser | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@ObjectType({ description: 'Result of an access-rule mutation.' })
export class DatabaseAccessRulePayload {
  @Field(() => DatabaseAccessRule, { nullable: true, description: 'The rule, as written (null on userErrors).' })
  databaseAccessRule!: DatabaseAccessRule | null;

  @Field(() => [UserError], { description: 'Why the input was refused; empty on success.' })
  userErrors!: UserError[];
}

@InputType({ description: 'Narrow a database (or Valkey instance) list.' })
export class DataStoreFilter {
  @Field(() => [ResourceStatus], { nullable: true, description: 'Only these statuses (default: all but DELETED).' })
  status?: ResourceStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Substring of the name.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this tenant.' })
  tenantId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this brand.' })
  brandId?: string | null;
}

@ArgsType()
export class DatabasesArgs extends PageArgs {
  @Field(() => DataStoreFilter, { nullable: true, description: 'Filter.' })
  filter?: DataStoreFilter | null;
}
