import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import {
  CreateMailAliasInput,
  CreateMailboxInput,
  MailAliasIdInput,
  MailAliasPayload,
  MailboxIdInput,
  MailboxPayload,
  UpdateMailAliasInput,
  UpdateMailboxInput,
} from './mail.input.js';
import { MailAlias, Mailbox, MailDomain, type MailAliasRecord, type MailboxRecord } from './mail.type.js';

@Resolver(() => Mailbox)
export class MailboxResolver {
  @Query(() => Mailbox, { description: 'One mailbox by id. NOT_FOUND when missing or not visible.' })
  async mailbox(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.mail.getMailbox(ctx.viewer, id)) ?? Promise.reject(notFound('Mailbox'));
  }

  @Mutation(() => MailboxPayload, {
    description:
      'Create a mailbox (async: ACTIVE once the mail nodes accept its logins). The address must be free (no mailbox or alias holds it).',
  })
  createMailbox(@Arg('input', { description: 'The new mailbox.' }) input: CreateMailboxInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.createMailbox(ctx.viewer, input);
  }

  @Mutation(() => MailboxPayload, {
    description: 'Change a mailbox: password, quota, enabled, forward, auto-reply (async).',
  })
  updateMailbox(@Arg('input', { description: 'What changes.' }) input: UpdateMailboxInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.updateMailbox(ctx.viewer, input);
  }

  @Mutation(() => MailboxPayload, {
    description:
      'Delete a mailbox (async): its logins stop at once; its stored mail is removed after the grace period.',
  })
  deleteMailbox(@Arg('input', { description: 'The mailbox.' }) input: MailboxIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.deleteMailbox(ctx.viewer, input.id);
  }

  @Mutation(() => MailboxPayload, { description: 'Run the last failed operation of a FAILED mailbox again.' })
  retryMailbox(@Arg('input', { description: 'The mailbox.' }) input: MailboxIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.retryMailbox(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one mailbox (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  mailboxChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() mailbox: MailboxRecord): string {
    return toGlobalId('Mailbox', mailbox.id);
  }

  @FieldResolver(() => MailDomain, { nullable: true, description: 'Its mail domain.' })
  domain(@Root() mailbox: MailboxRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.loadDomain(ctx.viewer, mailbox.domainId);
  }
}

@Resolver(() => MailAlias)
export class MailAliasResolver {
  @Query(() => MailAlias, { description: 'One alias by id. NOT_FOUND when missing or not visible.' })
  async mailAlias(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.mail.getAlias(ctx.viewer, id)) ?? Promise.reject(notFound('MailAlias'));
  }

  @Mutation(() => MailAliasPayload, { description: 'Create an alias (async). The address must be free.' })
  createMailAlias(@Arg('input', { description: 'The new alias.' }) input: CreateMailAliasInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.createAlias(ctx.viewer, input);
  }

  @Mutation(() => MailAliasPayload, { description: 'Change an alias’s targets (async).' })
  updateMailAlias(
    @Arg('input', { description: 'Alias and targets.' }) input: UpdateMailAliasInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.mail.updateAlias(ctx.viewer, input);
  }

  @Mutation(() => MailAliasPayload, { description: 'Delete an alias (async).' })
  deleteMailAlias(@Arg('input', { description: 'The alias.' }) input: MailAliasIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.deleteAlias(ctx.viewer, input.id);
  }

  @Mutation(() => MailAliasPayload, { description: 'Run the last failed operation of a FAILED alias again.' })
  retryMailAlias(@Arg('input', { description: 'The alias.' }) input: MailAliasIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.retryAlias(ctx.viewer, input.id);
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() alias: MailAliasRecord): string {
    return toGlobalId('MailAlias', alias.id);
  }

  @FieldResolver(() => MailDomain, { nullable: true, description: 'Its mail domain.' })
  domain(@Root() alias: MailAliasRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.loadDomain(ctx.viewer, alias.domainId);
  }
}
