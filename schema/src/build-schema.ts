import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type MiddlewareFn } from 'type-graphql';
import { ApiKeyResolver } from './api-keys/api-key.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { BrandResolver } from './brands/brand.resolver.js';
import { DatabaseResolver, TenantDatabasesResolver } from './databases/database.resolver.js';
import { DatabaseAccessRuleResolver, DatabaseUserResolver } from './databases/database-user.resolver.js';
import type { Context } from './common/context.js';
import { EgressRuleResolver, TenantEgressRulesResolver } from './egress-rules/egress-rule.resolver.js';
import { SshKeyResolver, TenantSshKeysResolver } from './ssh-keys/ssh-key.resolver.js';
import { CertificateResolver, FqdnTlsResolver } from './certificates/certificate.resolver.js';
import {
  BrandDnsZonesResolver,
  DnsRecordResolver,
  DnsZoneResolver,
  TenantDnsZonesResolver,
} from './dns/dns.resolver.js';
import { MailDomainResolver, TenantMailDomainsResolver } from './mail/mail.resolver.js';
import { MailAliasResolver, MailboxResolver } from './mail/mailbox.resolver.js';
import { CronJobResolver, CronJobRunResolver, WebrootCronJobsResolver } from './cron-jobs/cron-job.resolver.js';
import { DaemonResolver, WebrootDaemonsResolver } from './daemons/daemon.resolver.js';
import { EventResolver } from './events/event.resolver.js';
import {
  ClusterResolver,
  RegionResolver,
  ServerNodeResolver,
  ShardResolver,
} from './infrastructure/infrastructure.resolver.js';
import { PlatformResolver } from './platform/platform.resolver.js';
import { PlanResolver, TenantPlanResolver } from './plans/plan.resolver.js';
import { AsyncResourceResolver } from './resources/async-resource.resolver.js';
import { TenantResolver } from './tenants/tenant.resolver.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';
import { TenantValkeyResolver, ValkeyInstanceResolver } from './valkey/valkey.resolver.js';
import { ValkeyUserResolver } from './valkey/valkey-user.resolver.js';
import { TenantWebrootsResolver, WebrootResolver } from './webroots/webroot.resolver.js';
import { FqdnResolver } from './webroots/fqdn.resolver.js';
import { WebrootEnvResolver } from './webroot-env/webroot-env.resolver.js';
import { ShardConvergenceFieldsResolver, ShardConvergenceResolver } from './convergence/convergence.resolver.js';

export const resolvers = [
  ViewerResolver,
  AsyncResourceResolver,
  ApiKeyResolver,
  AuditResolver,
  PlatformResolver,
  BrandResolver,
  RegionResolver,
  ClusterResolver,
  ShardResolver,
  ServerNodeResolver,
  TenantResolver,
  EventResolver,
  DatabaseResolver,
  TenantDatabasesResolver,
  DatabaseUserResolver,
  DatabaseAccessRuleResolver,
  ValkeyInstanceResolver,
  TenantValkeyResolver,
  ValkeyUserResolver,
  EgressRuleResolver,
  TenantEgressRulesResolver,
  SshKeyResolver,
  TenantSshKeysResolver,
  CertificateResolver,
  FqdnTlsResolver,
  CronJobResolver,
  DnsZoneResolver,
  DnsRecordResolver,
  TenantDnsZonesResolver,
  BrandDnsZonesResolver,
  MailDomainResolver,
  TenantMailDomainsResolver,
  MailboxResolver,
  MailAliasResolver,
  CronJobRunResolver,
  WebrootCronJobsResolver,
  DaemonResolver,
  WebrootDaemonsResolver,
  WebrootResolver,
  TenantWebrootsResolver,
  FqdnResolver,
  WebrootEnvResolver,
  ShardConvergenceResolver,
  ShardConvergenceFieldsResolver,
  PlanResolver,
  TenantPlanResolver,
] as const;

export interface BuildSchemaOptions {
  /** Run around every resolver: the server's audit log hooks in here. */
  globalMiddlewares?: MiddlewareFn<Context>[];
}

/**
 * Every subscription declares its own `subscribe` (the PostgreSQL event spine), so the topic
 * pub/sub type-graphql insists on is never used; if it ever is, fail loudly.
 */
const topicsUnsupported = {
  publish(): never {
    throw new Error('Hostplane subscriptions use the event spine, not type-graphql topics.');
  },
  subscribe(): never {
    throw new Error('Hostplane subscriptions use the event spine, not type-graphql topics.');
  },
};

/** The one Hostplane schema. Pure: no I/O, the same for the server, tests and SDL emission. */
export async function buildHostplaneSchema(options: BuildSchemaOptions = {}): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: false,
    globalMiddlewares: options.globalMiddlewares ?? [],
    pubSub: topicsUnsupported,
  });
}
