import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';
import {
  CreateDatabaseAccessRuleInput,
  CreateDatabaseUserInput,
  DatabaseAccessRuleIdInput,
  DatabaseAccessRulePayload,
  DatabaseUserIdInput,
  DatabaseUserPayload,
  UpdateDatabaseUserInput,
} from './database.input.js';
import {
  Database,
  DatabaseAccessRule,
  DatabaseUser,
  type DatabaseAccessRuleRecord,
  type DatabaseUserRecord,
} from './database.type.js';

@Resolver(() => DatabaseUser)
export class DatabaseUserResolver {
  @Mutation(() => DatabaseUserPayload, { description: 'Create a MySQL user of a database (async).' })
  createDatabaseUser(
    @Arg('input', { description: 'The new user.' }) input: CreateDatabaseUserInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.createUser(ctx.viewer, input);
  }

  @Mutation(() => DatabaseUserPayload, { description: 'Change a user’s password or privileges (async).' })
  updateDatabaseUser(
    @Arg('input', { description: 'What to change.' }) input: UpdateDatabaseUserInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.updateUser(ctx.viewer, input);
  }

  @Mutation(() => DatabaseUserPayload, { description: 'Drop a user on every node and end its sessions (async).' })
  deleteDatabaseUser(@Arg('input', { description: 'The user.' }) input: DatabaseUserIdInput, @Ctx() ctx: Context) {
    return ctx.ports.databases.deleteUser(ctx.viewer, input.id);
  }

  @Mutation(() => DatabaseUserPayload, { description: 'Run the last failed operation of a FAILED user again.' })
  retryDatabaseUser(@Arg('input', { description: 'The user.' }) input: DatabaseUserIdInput, @Ctx() ctx: Context) {
    return ctx.ports.databases.retryUser(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() user: DatabaseUserRecord): string {
    return toGlobalId('DatabaseUser', user.id);
  }

  @FieldResolver(() => Database, { description: 'The database the user belongs to.' })
  database(@Root() user: DatabaseUserRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.load(ctx.viewer, user.databaseId);
  }
}

@Resolver(() => DatabaseAccessRule)
export class DatabaseAccessRuleResolver {
  @Mutation(() => DatabaseAccessRulePayload, {
    description: 'Let an address or network log in to a database; every user’s hosts are re-synced (async).',
  })
  createDatabaseAccessRule(
    @Arg('input', { description: 'The new rule.' }) input: CreateDatabaseAccessRuleInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.createAccessRule(ctx.viewer, input);
  }

  @Mutation(() => DatabaseAccessRulePayload, { description: 'Remove a rule; logins from there stop (async).' })
  deleteDatabaseAccessRule(
    @Arg('input', { description: 'The rule.' }) input: DatabaseAccessRuleIdInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.deleteAccessRule(ctx.viewer, input.id);
  }

  @Mutation(() => DatabaseAccessRulePayload, { description: 'Run the last failed operation of a FAILED rule again.' })
  retryDatabaseAccessRule(
    @Arg('input', { description: 'The rule.' }) input: DatabaseAccessRuleIdInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.databases.retryAccessRule(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() rule: DatabaseAccessRuleRecord): string {
    return toGlobalId('DatabaseAccessRule', rule.id);
  }

  @FieldResolver(() => Database, { description: 'The database the rule opens.' })
  database(@Root() rule: DatabaseAccessRuleRecord, @Ctx() ctx: Context) {
    return ctx.ports.databases.load(ctx.viewer, rule.databaseId);
  }
}
