import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { PageArgs } from '../common/connection.js';
import type { Context } from '../common/context.js';
import { notFound } from '../common/errors.js';
import { toGlobalId } from '../common/ids.js';
import { DnsRecord, DnsZone } from '../dns/dns.type.js';
import { ResourceEvent, type EventRecord } from '../events/event.type.js';
import { ResourceChangedArgs } from '../events/resource-changed.args.js';
import { resourceEvents } from '../events/resource-events.js';
import { Tenant, type TenantRecord } from '../tenants/tenant.type.js';
import { CreateMailDomainInput, MailDomainIdInput, MailDomainPayload, UpdateMailDomainInput } from './mail.input.js';
import {
  MailAliasConnection,
  MailboxConnection,
  MailDomain,
  MailDomainConnection,
  MailServer,
  type MailDomainRecord,
} from './mail.type.js';

@Resolver(() => MailDomain)
export class MailDomainResolver {
  @Query(() => MailDomain, { description: 'One mail domain by id. NOT_FOUND when missing or not visible.' })
  async mailDomain(@Arg('id', () => ID, { description: 'Global id.' }) id: string, @Ctx() ctx: Context) {
    return (await ctx.ports.mail.getDomain(ctx.viewer, id)) ?? Promise.reject(notFound('MailDomain'));
  }

  @Mutation(() => MailDomainPayload, {
    description:
      'Enable mail on a DNS zone (async: PENDING, ACTIVE once the mail nodes accept mail for it and its MX, SPF, DKIM and DMARC records are in the zone). A DKIM key pair (RSA 2048) is made for it.',
  })
  createMailDomain(@Arg('input', { description: 'The zone.' }) input: CreateMailDomainInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.createDomain(ctx.viewer, input);
  }

  @Mutation(() => MailDomainPayload, { description: 'Change the catch-all of a mail domain (async).' })
  updateMailDomain(
    @Arg('input', { description: 'Domain and catch-all.' }) input: UpdateMailDomainInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.ports.mail.updateDomain(ctx.viewer, input);
  }

  @Mutation(() => MailDomainPayload, {
    description:
      'Disable mail on a domain (async): its mailboxes and aliases go at once, its managed records leave the zone, and stored mail is removed after the grace period.',
  })
  deleteMailDomain(@Arg('input', { description: 'The domain.' }) input: MailDomainIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.deleteDomain(ctx.viewer, input.id);
  }

  @Mutation(() => MailDomainPayload, { description: 'Run the last failed operation of a FAILED mail domain again.' })
  retryMailDomain(@Arg('input', { description: 'The domain.' }) input: MailDomainIdInput, @Ctx() ctx: Context) {
    return ctx.ports.mail.retryDomain(ctx.viewer, input.id);
  }

  @Subscription(() => ResourceEvent, {
    description: 'Events of one mail domain (its status and workflow steps).',
    subscribe: resourceEvents,
  })
  mailDomainChanged(@Root() event: EventRecord, @Args() _args: ResourceChangedArgs): EventRecord {
    return event;
  }

  @FieldResolver(() => ID, { description: 'Opaque global id.' })
  id(@Root() domain: MailDomainRecord): string {
    return toGlobalId('MailDomain', domain.id);
  }

  @FieldResolver(() => Tenant, { nullable: true, description: 'The tenant holding it.' })
  tenant(@Root() domain: MailDomainRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.loadTenant(ctx.viewer, domain.tenantId);
  }

  @FieldResolver(() => DnsZone, {
    nullable: true,
    description: 'The DNS zone it is the apex of (null without dns:read).',
  })
  zone(@Root() domain: MailDomainRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.loadZone(ctx.viewer, domain.zoneId);
  }

  @FieldResolver(() => String, { description: 'The DKIM TXT record’s text, as published at `<selector>._domainkey`.' })
  dkimRecord(@Root() domain: MailDomainRecord): string {
    return `v=DKIM1; k=rsa; p=${domain.dkimPublicKey}`;
  }

  @FieldResolver(() => [DnsRecord], {
    description:
      'The managed records the platform keeps in the zone for it (MX, SPF, DKIM, DMARC); tenants cannot edit them.',
  })
  dnsRecords(@Root() domain: MailDomainRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.dnsRecordsOf(ctx.viewer, domain);
  }

  @FieldResolver(() => [MailServer], {
    description: 'The mail nodes serving it (MX host name, submission and IMAP ports).',
  })
  servers(@Root() domain: MailDomainRecord, @Ctx() ctx: Context) {
    return ctx.ports.mail.serversOf(ctx.viewer, domain);
  }

  @FieldResolver(() => MailboxConnection, { description: 'Its mailboxes (not DELETED), oldest first.' })
  mailboxes(@Root() domain: MailDomainRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.mail.mailboxesOf(ctx.viewer, domain, args);
  }

  @FieldResolver(() => MailAliasConnection, { description: 'Its aliases (not DELETED), oldest first.' })
  aliases(@Root() domain: MailDomainRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.mail.aliasesOf(ctx.viewer, domain, args);
  }
}

@Resolver(() => Tenant)
export class TenantMailDomainsResolver {
  @FieldResolver(() => MailDomainConnection, {
    description: 'The tenant’s mail domains (not DELETED), oldest first. Needs mail:read.',
  })
  mailDomains(@Root() tenant: TenantRecord, @Args() args: PageArgs, @Ctx() ctx: Context) {
    return ctx.ports.mail.domainsOf(ctx.viewer, tenant.id, args);
  }
}
