export { buildHostplaneSchema, type BuildSchemaOptions } from './build-schema.js';
export * from './common/index.js';
export type * from './ports.js';
export type * from './tenants/tenant.port.js';
export type * from './brands/brand.port.js';
export type * from './infrastructure/infrastructure.port.js';
export type * from './api-keys/api-key.port.js';
export type * from './platform/platform.port.js';
export type { TenantRecord } from './tenants/tenant.type.js';
export type { BrandRecord } from './brands/brand.type.js';
export type { ApiKeyRecord } from './api-keys/api-key.type.js';
export type { AuditEntryRecord } from './audit/audit.type.js';
export { AuditOutcome } from './audit/audit.type.js';
export type { EventRecord } from './events/event.type.js';
export { EventKind } from './events/event.type.js';
export type {
  ClusterRecord,
  MailHostCertificate,
  NodeCapability,
  RegionRecord,
  ServerNodeRecord,
  ShardRecord,
} from './infrastructure/infrastructure.type.js';
export { ShardRole } from './infrastructure/infrastructure.type.js';
export type * from './tenants/tenant.input.js';
export { TenantOrderField } from './tenants/tenant.input.js';
export type * from './brands/brand.input.js';
export type * from './infrastructure/infrastructure.input.js';
export type * from './api-keys/api-key.input.js';
export type * from './events/event.input.js';
export type { AuditLogsArgs, AuditLogFilter } from './audit/audit.type.js';
export type { UpdatePlatformConfigInput, PlatformConfig, DashboardStats } from './platform/platform.type.js';
export type * from './databases/database.port.js';
export type * from './databases/database.input.js';
export type { DatabaseRecord, DatabaseUserRecord, DatabaseAccessRuleRecord } from './databases/database.type.js';
export { DatabasePrivileges } from './databases/database.type.js';
export type * from './valkey/valkey.port.js';
export type * from './valkey/valkey.input.js';
export type { ValkeyInstanceRecord, ValkeyUserRecord } from './valkey/valkey.type.js';
export { ValkeyEvictionPolicy } from './valkey/valkey.type.js';
export type * from './egress-rules/egress-rule.port.js';
export type * from './egress-rules/egress-rule.input.js';
export type { EgressRuleRecord } from './egress-rules/egress-rule.type.js';
export { EgressProtocol } from './egress-rules/egress-rule.type.js';
export type * from './ssh-keys/ssh-key.port.js';
export type * from './ssh-keys/ssh-key.input.js';
export type { SshKeyRecord, SshEndpointRecord } from './ssh-keys/ssh-key.type.js';
export type * from './certificates/certificate.port.js';
export type * from './certificates/certificate.input.js';
export type { CertificateRecord } from './certificates/certificate.type.js';
export { TlsMode } from './certificates/certificate.type.js';
export type * from './dns/dns.port.js';
export type * from './dns/dns.input.js';
export type { DnsRecordRecord, DnsSecKeyRecord, DnsServerRecord, DnsZoneRecord } from './dns/dns.type.js';
export { DnsRecordType } from './dns/dns.type.js';
export type * from './mail/mail.port.js';
export type * from './mail/mail.input.js';
export type {
  MailAliasRecord,
  MailAutoReplyRecord,
  MailboxRecord,
  MailDomainRecord,
  MailServerRecord,
} from './mail/mail.type.js';
export type * from './cron-jobs/cron-job.port.js';
export type * from './cron-jobs/cron-job.input.js';
export type { CronJobRecord, CronJobRunRecord } from './cron-jobs/cron-job.type.js';
export { CronConcurrency, CronRunStatus } from './cron-jobs/cron-job.type.js';
export type * from './daemons/daemon.port.js';
export type * from './daemons/daemon.input.js';
export type { DaemonLogTailRecord, DaemonRecord } from './daemons/daemon.type.js';
export { DaemonRestartPolicy, DaemonStopSignal } from './daemons/daemon.type.js';
export { SshAccess } from './ssh-keys/ssh-key.type.js';
export type * from './webroots/webroot.port.js';
export type * from './webroots/webroot.input.js';
export type { WebrootRecord } from './webroots/webroot.type.js';
export type { WebRuntimeOfferRecord } from './webroots/web-runtime-offer.type.js';
export { WebRuntime, PhpProcessManagerMode } from './webroots/webroot.type.js';
export { WebrootOrderField } from './webroots/webroot.input.js';
export type { BindFqdnInput, FqdnRecord } from './webroots/fqdn.type.js';
export type * from './webroot-env/webroot-env.port.js';
export type * from './webroot-env/webroot-env.input.js';
export type { WebrootEnvVarRecord } from './webroot-env/webroot-env.type.js';
export type * from './convergence/convergence.port.js';
export type { ConvergenceErrorRecord, ShardConvergenceRecord } from './convergence/convergence.type.js';
export { ConvergenceStatus } from './convergence/convergence.type.js';
export type * from './plans/plan.port.js';
export type * from './plans/plan.input.js';
export type { PlanLimits, PlanRecord, QuotaUsage, TenantUsageRecord } from './plans/plan.type.js';
export type { MiddlewareFn, ResolverData } from 'type-graphql';
