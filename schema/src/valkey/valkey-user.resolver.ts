import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';
import { CreateValkeyUserInput, UpdateValkeyUserInput, ValkeyUserIdInput, ValkeyUserPayload } from './valkey.input.js';
import { ValkeyInstance, ValkeyUser, type ValkeyUserRecord } from './valkey.type.js';

@Resolver(() => ValkeyUser)
export class ValkeyUserResolver {
  @Mutation(() => ValkeyUserPayload, { description: 'Create an ACL user of a Valkey instance (async, applied live).' })
  createValkeyUser(@Arg('input', { description: 'The new user.' }) input: CreateValkeyUserInput, @Ctx() ctx: Context) {
    return ctx.ports.valkey.createUser(ctx.viewer, input);
  }

  @Mutation(() => ValkeyUserPayload, { description: 'Change a user’s password or ACL rules (async, applied live).' })
  updateValkeyUser(
    @Arg('input', { description: 'What to change.' }) input: UpdateValkeyUserInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.valkey.updateUser(ctx.viewer, input);
  }

  @Mutation(() => ValkeyUserPayload, { description: 'Remove a user; it can no longer AUTH (async).' })
  deleteValkeyUser(@Arg('input', { description: 'The user.' }) input: ValkeyUserIdInput, @Ctx() ctx: Context) {
    return ctx.ports.valkey.deleteUser(ctx.viewer, input.id);
  }

  @Mutation(() => ValkeyUserPayload, { description: 'Run the last failed operation of a FAILED user again.' })
  retryValkeyUser(@Arg('input', { description: 'The user.' }) input: ValkeyUserIdInput, @Ctx() ctx: Context) {
    return ctx.ports.valkey.retryUser(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() user: ValkeyUserRecord): string {
    return toGlobalId('ValkeyUser', user.id);
  }

  @FieldResolver(() => ValkeyInstance, { description: 'The instance the user belongs to.' })
  instance(@Root() user: ValkeyUserRecord, @Ctx() ctx: Context) {
    return ctx.ports.valkey.load(ctx.viewer, user.instanceId);
  }
}
