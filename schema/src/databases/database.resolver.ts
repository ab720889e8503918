import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { DataStoreEndpoint } from '../common/endpoint.type.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Shard } from '../infrastructure/infrastructure.type.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import {
  CreateDatabaseInput,
  DatabaseIdInput,
  DatabasePayload,
  DatabasesArgs,
  MigrateDatabaseInput,
} from './database.input.js';
import {
  Database,
  DatabaseAccessRule,
  DatabaseConnection,
  DatabaseUser,
  type DatabaseRecord,
} from './database.type.js';

@Resolver(() => Database)
export class DatabaseResolver {
  @Query(() => DatabaseConnection, { description: 'Databases the API key may see (needs databases:read).' })
  databases(@Args() args: DatabasesArgs, @Ctx() ctx: Context) {
    return ctx.ports.databases.list(ctx.viewer, args);
  }

  @Query(() => Database, { description: 'One database by id. NOT_FOUND when missing or not visible.' })
  async database(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.databases.get(ctx.viewer, id)) ?? Promise.reject(notFound('Database'));
  }

  @Mutation(() => DatabasePayload, {
    description: 'Create a database (async: returns it PENDING; watch `databaseChanged`).',
  })
  createDatabase(@Arg('input', { description: 'The new database.' }) input: CreateDatabaseInput, @Ctx() ctx: Context) {
    return ctx.ports.databases.create(ctx.viewer, input);
  }

  @Mutation(() => DatabasePayload, { description: 'Drop a database and all its users on every node (async).' })
  deleteDatabase(@Arg('input', { description: 'The database.' }) input: DatabaseIdInput, @Ctx() ctx: Context) {
    return ctx.ports.databases.delete(ctx.viewer, input.id);
  }

  @Mutation(() => DatabasePayload, { description: 'Run the last failed operation of a FAILED database again.' })
  retryDatabase(@Arg('input', { description: 'The database.' }) input: DatabaseIdInput, @Ctx() ctx: Context) {
    return ctx.ports.databases.retry(ctx.viewer, input.id);
  }

  @Mutation(() => DatabasePayload, {
    description:
      'Move an ACTIVE database to another DATABASE shard (async). The source keeps serving until the copy is verified.',
  })
  migrateDatabase(
    @Arg('input', { description: 'Database and target shard.' }) input: MigrateDatabaseInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.migrate(ctx.viewer, input);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one database (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  databaseChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() database: DatabaseRecord): string {
    return toGlobalId('Database', database.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.loadTenant(ctx.viewer, database.tenantId);
  }

  @FieldResolver(() => Shard, {
    nullable: true,
    description: 'The DATABASE shard it lives on (needs infrastructure:read).',
  })
  shard(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return ctx.ports.infrastructure.loadShard(ctx.viewer, database.shardId);
  }

  @FieldResolver(() => Shard, {
    nullable: true,
    description: 'Where a running migration moves it (needs infrastructure:read).',
  })
  migratingToShard(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return database.migratingToShardId
      ? ctx.ports.infrastructure.loadShard(ctx.viewer, database.migratingToShardId)
      : null;
  }

  @FieldResolver(() => DataStoreEndpoint, {
    nullable: true,
    description:
      'Where its users connect: the address of the node serving it (the first of its shard) and MariaDB’s port there. Changes when a migration completes; null while its shard has no node.',
  })
  endpoint(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.endpointOf(ctx.viewer, database);
  }

  @FieldResolver(() => [DatabaseUser], { description: 'Its users (not DELETED), oldest first.' })
  users(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.usersOf(ctx.viewer, database.id);
  }

  @FieldResolver(() => [DatabaseAccessRule], { description: 'Its external access rules (not DELETED), oldest first.' })
  accessRules(@Root() database: DatabaseRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.accessRulesOf(ctx.viewer, database.id);
  }
}

@Resolver(() => Tenant)
export class TenantDatabasesResolver {
  @FieldResolver(() => [Database], {
    description: 'The tenant’s databases (not DELETED), oldest first; needs databases:read.',
  })
  databases(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.ofTenant(ctx.viewer, tenant.id);
  }
}
