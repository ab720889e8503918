import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection.js';
import { Node } from '../common/node.js';

/** The limits a plan sets, one per counted resource; null = unlimited. */
export interface PlanLimits {
  maxWebroots: number | null;
  maxFqdns: number | null;
  maxDatabases: number | null;
  maxDatabaseUsers: number | null;
  maxValkeyInstances: number | null;
  maxValkeyUsers: number | null;
  maxValkeyMemoryMb: number | null;
  maxCronJobs: number | null;
  maxDaemons: number | null;
  maxDnsZones: number | null;
  maxMailDomains: number | null;
  maxMailboxes: number | null;
}

/** What the plans port returns: a row of the plans table. */
export interface PlanRecord extends PlanLimits {
  id: string;
  brandId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType({
  implements: Node,
  description:
    'What a brand’s tenants may hold: a limit per counted resource (null = unlimited). Every create of a counted resource is checked against its tenant’s plan (QUOTA_EXCEEDED).',
})
export class Plan extends Node {
  @Field({ description: 'Name, unique within its brand (1 to 60 characters).' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Most webroots a tenant may have (null = unlimited).' })
  maxWebroots!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most FQDNs bound to its webroots, over all of them.' })
  maxFqdns!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most databases.' })
  maxDatabases!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most database users, over all its databases.' })
  maxDatabaseUsers!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most Valkey instances.' })
  maxValkeyInstances!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most Valkey ACL users, over all its instances.' })
  maxValkeyUsers!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Most Valkey memory in MiB: the sum of `maxMemoryMb` over its instances.',
  })
  maxValkeyMemoryMb!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most cron jobs, over all its webroots.' })
  maxCronJobs!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most daemons, over all its webroots.' })
  maxDaemons!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most DNS zones hosted here.' })
  maxDnsZones!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most mail domains (zones with mail on).' })
  maxMailDomains!: number | null;

  @Field(() => Int, { nullable: true, description: 'Most mailboxes, over all its mail domains.' })
  maxMailboxes!: number | null;

  @Field({ description: 'When the plan was created.' })
  createdAt!: Date;

  @Field({ description: 'When the plan last changed.' })
  updatedAt!: Date;
}

export const PlanConnection = ConnectionType(Plan, 'Plan');

@ObjectType({ description: 'How much of one counted resource a tenant uses, against its plan’s limit.' })
export class QuotaUsage {
  @Field(() => Int, { description: 'Used now: live resources (DELETING and DELETED ones are not counted).' })
  used!: number;

  @Field(() => Int, { nullable: true, description: 'The plan’s limit; null = unlimited (or no plan).' })
  limit!: number | null;
}

/** What `Tenant.usage` resolves to. */
export interface TenantUsageRecord {
  webroots: QuotaUsage;
  fqdns: QuotaUsage;
  databases: QuotaUsage;
  databaseUsers: QuotaUsage;
  valkeyInstances: QuotaUsage;
  valkeyUsers: QuotaUsage;
  valkeyMemoryMb: QuotaUsage;
  cronJobs: QuotaUsage;
  daemons: QuotaUsage;
  dnsZones: QuotaUsage;
  mailDomains: QuotaUsage;
  mailboxes: QuotaUsage;
}

@ObjectType({ description: 'A tenant’s usage of every counted resource against its plan.' })
export class TenantUsage implements TenantUsageRecord {
  @Field(() => QuotaUsage, { description: 'Webroots.' })
  webroots!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'FQDNs bound to its webroots.' })
  fqdns!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Databases.' })
  databases!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Database users.' })
  databaseUsers!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Valkey instances.' })
  valkeyInstances!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Valkey ACL users.' })
  valkeyUsers!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Valkey memory in MiB (sum of its instances’ maxMemoryMb).' })
  valkeyMemoryMb!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Cron jobs, over all its webroots.' })
  cronJobs!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Daemons, over all its webroots.' })
  daemons!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'DNS zones hosted here.' })
  dnsZones!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Mail domains.' })
  mailDomains!: QuotaUsage;

  @Field(() => QuotaUsage, { description: 'Mailboxes, over all its mail domains.' })
  mailboxes!: QuotaUsage;
}
