import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';
import { AsyncResource, type OwnedResourceRecord } from '../resources/async-resource.type.js';

export enum DatabasePrivileges {
  ALL = 'ALL',
  READ_ONLY = 'READ_ONLY',
}
registerEnumType(DatabasePrivileges, {
  name: 'DatabasePrivileges',
  description: 'ALL: every privilege on the database (no GRANT OPTION); READ_ONLY: SELECT and SHOW VIEW.',
});

/** A row of the databases table, as the databases port hands it out. */
export interface DatabaseRecord extends OwnedResourceRecord {
  name: string;
  shardId: string;
  charset: string;
  collation: string;
  migratingToShardId: string | null;
}

/** A database user without its password hash: the hash never leaves the service. */
export interface DatabaseUserRecord extends OwnedResourceRecord {
  name: string;
  databaseId: string;
  privileges: DatabasePrivileges;
}

export interface DatabaseAccessRuleRecord extends OwnedResourceRecord {
  databaseId: string;
  cidr: string;
  description: string | null;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description: 'A MySQL (MariaDB) database of a tenant, on every node of a DATABASE shard.',
})
export class Database extends AsyncResource {
  @Field({ description: 'System name, `db_` + 10 random characters: the MySQL database name. Globally unique.' })
  name!: string;

  @Field({ description: 'Default character set, e.g. `utf8mb4`.' })
  charset!: string;

  @Field({ description: 'Default collation, e.g. `utf8mb4_unicode_ci`.' })
  collation!: string;

  @Field({ description: 'When the database was created.' })
  createdAt!: Date;

  @Field({ description: 'When the database row last changed.' })
  updatedAt!: Date;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description: 'A MySQL account of one database; its password is stored only as a mysql_native_password hash.',
})
export class DatabaseUser extends AsyncResource {
  @Field({ description: 'MySQL user name; starts with the database name (`db_abc123defg_admin`).' })
  name!: string;

  @Field(() => DatabasePrivileges, { description: 'What the user may do in its database.' })
  privileges!: DatabasePrivileges;

  @Field({ description: 'When the user was created.' })
  createdAt!: Date;

  @Field({ description: 'When the user row last changed.' })
  updatedAt!: Date;
}

@ObjectType({
  implements: [Node, AsyncResource],
  description:
    'An address or network allowed to log in to a database, on top of the shard’s internal network (the default).',
})
export class DatabaseAccessRule extends AsyncResource {
  @Field({ description: 'IPv4 address, IPv4 CIDR (`203.0.113.0/24`) or IPv6 address.' })
  cidr!: string;

  @Field(() => String, { nullable: true, description: 'Free-form note (at most 200 characters).' })
  description!: string | null;

  @Field({ description: 'When the rule was created.' })
  createdAt!: Date;

  @Field({ description: 'When the rule row last changed.' })
  updatedAt!: Date;
}

export const DatabaseConnection = ConnectionType(Database, 'Database');
