import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { BrandIdInput, BrandPayload, CreateBrandInput, UpdateBrandInput } from './brand.input.js';
import { Brand, BrandConnection, type BrandRecord } from './brand.type.js';

@Resolver(() => Brand)
export class BrandResolver {
  @Query(() => BrandConnection, { description: 'Brands the API key may act on.' })
  brands(@Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.brands.list(ctx.viewer, args);
  }

  @Query(() => Brand, { description: 'One brand by id. NOT_FOUND when missing or not visible.' })
  async brand(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.brands.get(ctx.viewer, id)) ?? Promise.reject(notFound('Brand'));
  }

  @Mutation(() => BrandPayload, { description: 'Create a brand (platform administrators only).' })
  createBrand(@Arg('input', { description: 'The new brand.' }) input: CreateBrandInput, @Ctx() ctx: Context) {
    return ctx.ports.brands.create(ctx.viewer, input);
  }

  @Mutation(() => BrandPayload, { description: 'Change a brand.' })
  updateBrand(@Arg('input', { description: 'What to change.' }) input: UpdateBrandInput, @Ctx() ctx: Context) {
    return ctx.ports.brands.update(ctx.viewer, input);
  }

  @Mutation(() => BrandPayload, {
    description: 'Delete a brand that has no tenants left (platform administrators only).',
  })
  deleteBrand(@Arg('input', { description: 'The brand.' }) input: BrandIdInput, @Ctx() ctx: Context) {
    return ctx.ports.brands.delete(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() brand: BrandRecord): string {
    return toGlobalId('Brand', brand.id);
  }
}
