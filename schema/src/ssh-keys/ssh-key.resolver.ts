import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import {
  CreateSshKeyInput,
  SetTenantSshAccessInput,
  SetTenantSshAccessPayload,
  SshKeyIdInput,
  SshKeyPayload,
} from './ssh-key.input.js';
import { SshAccess, SshEndpoint, SshKey, SshKeyConnection, type SshKeyRecord } from './ssh-key.type.js';

@Resolver(() => SshKey)
export class SshKeyResolver {
  @Query(() => SshKey, { description: 'One SSH key by id. NOT_FOUND when missing or not visible.' })
  async sshKey(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.sshKeys.get(ctx.viewer, id)) ?? Promise.reject(notFound('SshKey'));
  }

  @Mutation(() => SshKeyPayload, {
    description:
      'Add an SSH public key to a tenant (async: returns it PENDING; ACTIVE once every node of its web shard has it).',
  })
  createSshKey(@Arg('input', { description: 'The new key.' }) input: CreateSshKeyInput, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.create(ctx.viewer, input);
  }

  @Mutation(() => SshKeyPayload, { description: 'Remove an SSH key from every node (async); it logs in no more.' })
  deleteSshKey(@Arg('input', { description: 'The key.' }) input: SshKeyIdInput, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.delete(ctx.viewer, input.id);
  }

  @Mutation(() => SshKeyPayload, { description: 'Run the last failed operation of a FAILED SSH key again.' })
  retrySshKey(@Arg('input', { description: 'The key.' }) input: SshKeyIdInput, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.retry(ctx.viewer, input.id);
  }

  @Mutation(() => SetTenantSshAccessPayload, {
    description:
      'Choose how a tenant’s SSH keys log in: SHELL or SFTP_ONLY (async: applied on every node of its web shard, steps on the tenant; narrowing to SFTP ends open sessions).',
  })
  setTenantSshAccess(
    @Arg('input', { description: 'Tenant and access.' }) input: SetTenantSshAccessInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.sshKeys.setAccess(ctx.viewer, input);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one SSH key (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  sshKeyChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() key: SshKeyRecord): string {
    return toGlobalId('SshKey', key.id);
  }

  @FieldResolver(() => Tenant, {
    nullable: true,
    description: 'The owning tenant (null with a FORBIDDEN error without tenants:read).',
  })
  tenant(@Root() key: SshKeyRecord, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.loadTenant(ctx.viewer, key.tenantId);
  }
}

@Resolver(() => Tenant)
export class TenantSshKeysResolver {
  @FieldResolver(() => SshKeyConnection, {
    description: 'The tenant’s SSH public keys (not DELETED), oldest first. Needs ssh_keys:read.',
  })
  sshKeys(@Root() tenant: TenantRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.ofTenant(ctx.viewer, tenant.id, args);
  }

  @FieldResolver(() => SshAccess, { description: 'How the tenant’s SSH keys log in. Needs ssh_keys:read.' })
  sshAccess(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.accessOf(ctx.viewer, tenant);
  }

  @FieldResolver(() => [SshEndpoint], {
    description:
      'Where the tenant logs in over SSH/SFTP: each node of its web shard, with the fingerprints of its host keys. Needs ssh_keys:read.',
  })
  sshEndpoints(@Root() tenant: TenantRecord, @Ctx() ctx: Context) {
    return ctx.ports.sshKeys.endpointsOf(ctx.viewer, tenant);
  }
}
