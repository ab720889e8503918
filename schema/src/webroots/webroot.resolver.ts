import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import { WebRuntimeOffer } from './web-runtime-offer.type.js';
import { Fqdn } from './fqdn.type.js';
import { appCommandOf, phpSettingsOf } from './runtime-settings.js';
import {
  CreateWebrootInput,
  UpdateWebrootInput,
  WebrootIdInput,
  WebrootPayload,
  WebrootsArgs,
} from './webroot.input.js';
import { PhpSettings, Webroot, WebrootConnection, type WebrootRecord } from './webroot.type.js';

@Resolver(() => Webroot)
export class WebrootResolver {
  @Query(() => WebrootConnection, {
    description: 'Webroots the API key may see (needs webroots:read).',
  })
  webroots(@Args() args: WebrootsArgs, @Ctx() ctx: Context) {
    return ctx.ports.webroots.list(ctx.viewer, args);
  }

  @Query(() => Webroot, {
    description: 'One webroot by id. NOT_FOUND when missing or not visible.',
  })
  async webroot(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.webroots.get(ctx.viewer, id)) ?? Promise.reject(notFound('Webroot'));
  }

  @Mutation(() => WebrootPayload, {
    description: 'Create a webroot (async: returns it PENDING; watch `webrootChanged`).',
  })
  createWebroot(@Arg('input', { description: 'The new webroot.' }) input: CreateWebrootInput, @Ctx() ctx: Context) {
    return ctx.ports.webroots.create(ctx.viewer, input);
  }

  @Mutation(() => WebrootPayload, {
    description:
      'Change an ACTIVE or FAILED webroot: runtime, version, settings, document root, service hostname (async).',
  })
  updateWebroot(@Arg('input', { description: 'What to change.' }) input: UpdateWebrootInput, @Ctx() ctx: Context) {
    return ctx.ports.webroots.update(ctx.viewer, input);
  }

  @Mutation(() => WebrootPayload, {
    description:
      'Delete a webroot: its nginx config, pool or app, folder and FQDNs on every node and the load balancer (async).',
  })
  deleteWebroot(@Arg('input', { description: 'The webroot.' }) input: WebrootIdInput, @Ctx() ctx: Context) {
    return ctx.ports.webroots.delete(ctx.viewer, input.id);
  }

  @Mutation(() => WebrootPayload, {
    description: 'Run the last failed operation of a FAILED webroot again.',
  })
  retryWebroot(@Arg('input', { description: 'The webroot.' }) input: WebrootIdInput, @Ctx() ctx: Context) {
    return ctx.ports.webroots.retry(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one webroot (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  webrootChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() webroot: WebrootRecord): string {
    return toGlobalId('Webroot', webroot.id);
  }

  @FieldResolver(() => PhpSettings, {
    nullable: true,
    description: 'PHP settings (PHP webroots only).',
  })
  phpSettings(@Root() webroot: WebrootRecord): PhpSettings | null {
    return phpSettingsOf(webroot.runtime, webroot.runtimeConfig);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description: 'Start command as an argument array (NODE, PYTHON, RUBY only).',
  })
  appCommand(@Root() webroot: WebrootRecord): string[] | null {
    return appCommandOf(webroot.runtime, webroot.runtimeConfig);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() webroot: WebrootRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.loadTenant(ctx.viewer, webroot.tenantId);
  }

  @FieldResolver(() => [Fqdn], {
    description: 'Host names bound to it (not DELETED), oldest first.',
  })
  fqdns(@Root() webroot: WebrootRecord, @Ctx() ctx: Context) {
    return ctx.ports.fqdns.ofWebroot(ctx.viewer, webroot.id);
  }
}

@Resolver(() => Tenant)
export class TenantWebrootsResolver {
  @FieldResolver(() => [Webroot], {
    description: 'The tenant’s webroots (not DELETED), oldest first; needs webroots:read.',
  })
  webroots(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.ofTenant(ctx.viewer, tenant.id);
  }

  @FieldResolver(() => [WebRuntimeOffer], {
    description:
      'The runtimes and versions its webroots can use: what every web node of its shard reports having; needs webroots:read.',
  })
  webRuntimes(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.webroots.runtimesOf(ctx.viewer, tenant);
  }
}
