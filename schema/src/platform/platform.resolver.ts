import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context.js';
import { badInput, notFound } from '../common/errors.js';
import { Node } from '../common/node.js';
import { MAX_PAGE_SIZE } from '../common/connection.js';
import { DashboardStats, PlatformConfig, PlatformConfigPayload, UpdatePlatformConfigInput } from './platform.type.js';

@Resolver()
export class PlatformResolver {
  @Query(() => PlatformConfig, { description: 'Platform-wide settings (needs platform:read).' })
  platformConfig(@Ctx() ctx: Context) {
    return ctx.ports.platform.config(ctx.viewer);
  }

  @Mutation(() => PlatformConfigPayload, { description: 'Change platform settings (platform administrators only).' })
  updatePlatformConfig(
    @Arg('input', { description: 'What to change.' }) input: UpdatePlatformConfigInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.platform.updateConfig(ctx.viewer, input);
  }

  @Query(() => DashboardStats, { description: 'Resource counts by type and status, within the caller’s brands.' })
  dashboardStats(@Ctx() ctx: Context) {
    return ctx.ports.platform.dashboard(ctx.viewer);
  }

  @Query(() => [Node], { description: 'Find resources by name substring across every type the key may read.' })
  search(
    @Ctx() ctx: Context,
    @Arg('query', { description: 'At least 2 characters.' }) query: string,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_PAGE_SIZE}.` }) first: number,
  ) {
    if (query.trim().length < 2) throw badInput('query must be at least 2 characters.');
    if (first < 1 || first > MAX_PAGE_SIZE) throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
    return ctx.ports.platform.search(ctx.viewer, query.trim(), first);
  }

  @Query(() => Node, { description: 'Any object by its global id. NOT_FOUND when missing or not visible.' })
  async node(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.platform.node(ctx.viewer, id)) ?? Promise.reject(notFound('Object'));
  }
}
