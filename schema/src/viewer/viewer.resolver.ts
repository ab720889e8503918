import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context.js';
import { toGlobalId } from '../common/ids.js';

@ObjectType({ description: 'The identity behind the calling API key.' })
export class ViewerInfo {
  @Field(() => ID, { description: 'Global id of the API key.' })
  apiKeyId!: string;

  @Field({ description: 'Label of the API key.' })
  name!: string;

  @Field({ description: 'Public prefix of the API key.' })
  prefix!: string;

  @Field(() => [String], { description: 'Scopes the key holds.' })
  scopes!: string[];

  @Field(() => [String], { description: 'Brand global ids the key may act on, or `*`.' })
  brandIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Global id of the tenant the key is bound to.' })
  tenantId!: string | null;

  @Field({ description: 'True for a key over every brand.' })
  isPlatformAdmin!: boolean;

  @Field(() => [String], {
    description:
      'Root fields (queries, mutations, subscriptions) this key may call, sorted, e.g. `createWebroot`: decided by the API from the key’s scopes and binding, so clients need not know the rules. Some still depend on the target (a brand key updates only its own brands); per resource, ask its `viewerCan`.',
  })
  allowedOperations!: string[];
}

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerInfo, { description: 'Who is calling: the API key’s identity, scopes and brands.' })
  viewer(@Ctx() ctx: Context): ViewerInfo {
    const v = ctx.viewer;
    return {
      apiKeyId: toGlobalId('ApiKey', v.apiKeyId),
      name: v.name,
      prefix: v.prefix,
      scopes: [...v.scopes],
      brandIds: v.brandIds.map((id) => (id === '*' ? id : toGlobalId('Brand', id))),
      tenantId: v.tenantId ? toGlobalId('Tenant', v.tenantId) : null,
      isPlatformAdmin: v.isPlatformAdmin,
      allowedOperations: v.allowedOperations(),
    };
  }
}
