// Who may call each root field of the API: the one table the `viewer.allowedOperations` and
// `viewerCan` answers read (./permissions.ts), so clients need not mirror the rules. It states
// what the services enforce: the scope each one requires (`viewer.require`), and the two
// bindings some of them add — platform administrators only, or no tenant-bound key.
// permissions.test.ts checks that it names every root field of the schema and that the API
// refuses what it denies.
import type { Scope } from '@hostplane/schema';

/** Who, beyond the scope, may call an operation. */
export type Binding =
  /** Any key holding the scope (its brand/tenant binding still limits the targets). */
  | 'any'
  /** Platform administrators only: a key over every brand, bound to no tenant. */
  | 'platformAdmin'
  /** No tenant-bound key: a tenant's own key cannot create tenants, change its own lifecycle or a brand. */
  | 'notTenantBound';

export interface OperationRule {
  /** The scope it requires; null for fields every key may call (each answers only what the key may see). */
  scope: Scope | null;
  binding: Binding;
}

const open: OperationRule = { scope: null, binding: 'any' };
const needs = (scope: Scope, binding: Binding = 'any'): OperationRule => ({ scope, binding });

/** Every root field of the schema (Query, Mutation, Subscription) and its rule. */
export const OPERATION_RULES: Readonly<Record<string, OperationRule>> = {
  // Open queries: each filters by what the key may see (`node` and `search` by type and brand).
  viewer: open,
  node: open,
  search: open,
  dashboardStats: open,
  // The event spine checks every event against the key (the type's read scope and its binding).
  events: open,
  // A per-resource subscription follows what the key may read: without the type's read scope it
  // could never deliver an event.
  tenantChanged: needs('tenants:read'),
  webrootChanged: needs('webroots:read'),
  fqdnChanged: needs('webroots:read'),
  databaseChanged: needs('databases:read'),
  valkeyInstanceChanged: needs('valkey:read'),
  egressRuleChanged: needs('egress_rules:read'),
  sshKeyChanged: needs('ssh_keys:read'),
  dnsZoneChanged: needs('dns:read'),
  mailDomainChanged: needs('mail:read'),
  mailboxChanged: needs('mail:read'),
  cronJobChanged: needs('cron_jobs:read'),
  daemonChanged: needs('daemons:read'),
  certificateChanged: needs('certificates:read'),
  shardChanged: needs('infrastructure:read'),

  tenants: needs('tenants:read'),
  tenant: needs('tenants:read'),
  createTenant: needs('tenants:write', 'notTenantBound'),
  updateTenant: needs('tenants:write'),
  suspendTenant: needs('tenants:write', 'notTenantBound'),
  unsuspendTenant: needs('tenants:write', 'notTenantBound'),
  deleteTenant: needs('tenants:write', 'notTenantBound'),
  // Stricter than the service by one case: a tenant-bound key may re-run its own FAILED create.
  retryTenant: needs('tenants:write', 'notTenantBound'),

  brands: needs('brands:read'),
  brand: needs('brands:read'),
  createBrand: needs('brands:write', 'platformAdmin'),
  // A brand's hostnames are every tenant's: a tenant's key never changes them.
  updateBrand: needs('brands:write', 'notTenantBound'),
  deleteBrand: needs('brands:write', 'platformAdmin'),

  regions: needs('infrastructure:read'),
  shards: needs('infrastructure:read'),
  shard: needs('infrastructure:read'),
  serverNodes: needs('infrastructure:read'),
  applyCluster: needs('infrastructure:write', 'platformAdmin'),
  convergeShard: needs('infrastructure:write', 'platformAdmin'),

  apiKeys: needs('api_keys:read'),
  createApiKey: needs('api_keys:write'),
  revokeApiKey: needs('api_keys:write'),
  auditLogs: needs('audit_logs:read'),
  platformConfig: needs('platform:read'),
  updatePlatformConfig: needs('platform:write', 'platformAdmin'),

  webroots: needs('webroots:read'),
  webroot: needs('webroots:read'),
  createWebroot: needs('webroots:write'),
  updateWebroot: needs('webroots:write'),
  deleteWebroot: needs('webroots:write'),
  retryWebroot: needs('webroots:write'),
  fqdn: needs('webroots:read'),
  bindFqdn: needs('webroots:write'),
  unbindFqdn: needs('webroots:write'),
  retryFqdn: needs('webroots:write'),
  setWebrootEnv: needs('webroots:write'),
  deleteWebrootEnvVar: needs('webroots:write'),

  databases: needs('databases:read'),
  database: needs('databases:read'),
  createDatabase: needs('databases:write'),
  deleteDatabase: needs('databases:write'),
  retryDatabase: needs('databases:write'),
  migrateDatabase: needs('databases:write'),
  createDatabaseUser: needs('databases:write'),
  updateDatabaseUser: needs('databases:write'),
  deleteDatabaseUser: needs('databases:write'),
  retryDatabaseUser: needs('databases:write'),
  createDatabaseAccessRule: needs('databases:write'),
  deleteDatabaseAccessRule: needs('databases:write'),
  retryDatabaseAccessRule: needs('databases:write'),

  valkeyInstances: needs('valkey:read'),
  valkeyInstance: needs('valkey:read'),
  createValkeyInstance: needs('valkey:write'),
  updateValkeyInstance: needs('valkey:write'),
  deleteValkeyInstance: needs('valkey:write'),
  retryValkeyInstance: needs('valkey:write'),
  migrateValkeyInstance: needs('valkey:write'),
  createValkeyUser: needs('valkey:write'),
  updateValkeyUser: needs('valkey:write'),
  deleteValkeyUser: needs('valkey:write'),
  retryValkeyUser: needs('valkey:write'),

  egressRule: needs('egress_rules:read'),
  createEgressRule: needs('egress_rules:write'),
  deleteEgressRule: needs('egress_rules:write'),
  retryEgressRule: needs('egress_rules:write'),

  sshKey: needs('ssh_keys:read'),
  createSshKey: needs('ssh_keys:write'),
  deleteSshKey: needs('ssh_keys:write'),
  retrySshKey: needs('ssh_keys:write'),

  certificate: needs('certificates:read'),
  expiringCertificates: needs('certificates:read'),
  setFqdnTls: needs('certificates:write'),
  uploadCertificate: needs('certificates:write'),
  renewCertificate: needs('certificates:write'),
  retryCertificate: needs('certificates:write'),

  cronJob: needs('cron_jobs:read'),
  createCronJob: needs('cron_jobs:write'),
  updateCronJob: needs('cron_jobs:write'),
  deleteCronJob: needs('cron_jobs:write'),
  retryCronJob: needs('cron_jobs:write'),
  runCronJobNow: needs('cron_jobs:write'),

  daemon: needs('daemons:read'),
  createDaemon: needs('daemons:write'),
  updateDaemon: needs('daemons:write'),
  enableDaemon: needs('daemons:write'),
  disableDaemon: needs('daemons:write'),
  deleteDaemon: needs('daemons:write'),
  retryDaemon: needs('daemons:write'),
  setTenantSshAccess: needs('ssh_keys:write'),

  dnsZone: needs('dns:read'),
  dnsRecord: needs('dns:read'),
  createDnsZone: needs('dns:write'),
  deleteDnsZone: needs('dns:write'),
  retryDnsZone: needs('dns:write'),
  setDnsZoneDnssec: needs('dns:write'),
  createDnsRecord: needs('dns:write'),
  deleteDnsRecord: needs('dns:write'),
  retryDnsRecord: needs('dns:write'),

  mailDomain: needs('mail:read'),
  mailbox: needs('mail:read'),
  mailAlias: needs('mail:read'),
  createMailDomain: needs('mail:write'),
  updateMailDomain: needs('mail:write'),
  deleteMailDomain: needs('mail:write'),
  retryMailDomain: needs('mail:write'),
  createMailbox: needs('mail:write'),
  updateMailbox: needs('mail:write'),
  deleteMailbox: needs('mail:write'),
  retryMailbox: needs('mail:write'),
  createMailAlias: needs('mail:write'),
  updateMailAlias: needs('mail:write'),
  deleteMailAlias: needs('mail:write'),
  retryMailAlias: needs('mail:write'),

  // Plans are brand-level like brands: a brand's key manages its own; a tenant's key never
  // writes one (it would raise its own limits), and reads only the plan it is on.
  plans: needs('plans:read'),
  plan: needs('plans:read'),
  createPlan: needs('plans:write', 'notTenantBound'),
  updatePlan: needs('plans:write', 'notTenantBound'),
  deletePlan: needs('plans:write', 'notTenantBound'),
};

/**
 * The mutation behind each `viewerCan` field of an async resource type; a missing entry is an
 * operation the type does not have (`viewerCan` answers false).
 */
export const RESOURCE_MUTATIONS: Readonly<
  Record<string, Partial<Record<'update' | 'delete' | 'retry' | 'suspend' | 'unsuspend' | 'migrate', string>>>
> = {
  Tenant: {
    update: 'updateTenant',
    delete: 'deleteTenant',
    retry: 'retryTenant',
    suspend: 'suspendTenant',
    unsuspend: 'unsuspendTenant',
  },
  Webroot: { update: 'updateWebroot', delete: 'deleteWebroot', retry: 'retryWebroot' },
  Fqdn: { delete: 'unbindFqdn', retry: 'retryFqdn' },
  Database: { delete: 'deleteDatabase', retry: 'retryDatabase', migrate: 'migrateDatabase' },
  DatabaseUser: { update: 'updateDatabaseUser', delete: 'deleteDatabaseUser', retry: 'retryDatabaseUser' },
  DatabaseAccessRule: { delete: 'deleteDatabaseAccessRule', retry: 'retryDatabaseAccessRule' },
  ValkeyInstance: {
    update: 'updateValkeyInstance',
    delete: 'deleteValkeyInstance',
    retry: 'retryValkeyInstance',
    migrate: 'migrateValkeyInstance',
  },
  ValkeyUser: { update: 'updateValkeyUser', delete: 'deleteValkeyUser', retry: 'retryValkeyUser' },
  EgressRule: { delete: 'deleteEgressRule', retry: 'retryEgressRule' },
  SshKey: { delete: 'deleteSshKey', retry: 'retrySshKey' },
  DnsZone: { update: 'setDnsZoneDnssec', delete: 'deleteDnsZone', retry: 'retryDnsZone' },
  DnsRecord: { delete: 'deleteDnsRecord', retry: 'retryDnsRecord' },
  MailDomain: { update: 'updateMailDomain', delete: 'deleteMailDomain', retry: 'retryMailDomain' },
  Mailbox: { update: 'updateMailbox', delete: 'deleteMailbox', retry: 'retryMailbox' },
  MailAlias: { update: 'updateMailAlias', delete: 'deleteMailAlias', retry: 'retryMailAlias' },
  Certificate: { update: 'renewCertificate', retry: 'retryCertificate' },
  CronJob: { update: 'updateCronJob', delete: 'deleteCronJob', retry: 'retryCronJob' },
  Daemon: { update: 'updateDaemon', delete: 'deleteDaemon', retry: 'retryDaemon' },
};
