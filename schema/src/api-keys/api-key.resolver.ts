import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';
import { CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-key.input.js';
import { ApiKey, ApiKeyConnection, type ApiKeyRecord } from './api-key.type.js';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys within the caller’s brands (needs api_keys:read).' })
  apiKeys(@Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.apiKeys.list(ctx.viewer, args);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Create an API key; the secret is in the payload, once.' })
  createApiKey(@Arg('input', { description: 'The new key.' }) input: CreateApiKeyInput, @Ctx() ctx: Context) {
    return ctx.ports.apiKeys.create(ctx.viewer, input);
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revoke an API key at once.' })
  revokeApiKey(@Arg('input', { description: 'The key.' }) input: RevokeApiKeyInput, @Ctx() ctx: Context) {
    return ctx.ports.apiKeys.revoke(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() key: ApiKeyRecord): string {
    return toGlobalId('ApiKey', key.id);
  }

  @FieldResolver(() => [String], { description: 'Global ids of the brands it may act on, or `*`.' })
  brandIds(@Root() key: ApiKeyRecord): string[] {
    return key.brandIds.map((id) => (id === '*' ? id : toGlobalId('Brand', id)));
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Global id of the tenant it is bound to.' })
  tenantId(@Root() key: ApiKeyRecord): string | null {
    return key.tenantId ? toGlobalId('Tenant', key.tenantId) : null;
  }
}
