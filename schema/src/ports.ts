import type { ApiKeysPort } from './api-keys/api-key.port.js';
import type { AuditPort } from './audit/audit.port.js';
import type { BrandsPort } from './brands/brand.port.js';
import type { DatabasesPort } from './databases/database.port.js';
import type { EgressRulesPort } from './egress-rules/egress-rule.port.js';
import type { SshKeysPort } from './ssh-keys/ssh-key.port.js';
import type { CertificatesPort } from './certificates/certificate.port.js';
import type { DnsPort } from './dns/dns.port.js';
import type { MailPort } from './mail/mail.port.js';
import type { CronJobsPort } from './cron-jobs/cron-job.port.js';
import type { DaemonsPort } from './daemons/daemon.port.js';
import type { EventsPort } from './events/event.port.js';
import type { InfrastructurePort } from './infrastructure/infrastructure.port.js';
import type { PlatformPort } from './platform/platform.port.js';
import type { TenantsPort } from './tenants/tenant.port.js';
import type { ValkeyPort } from './valkey/valkey.port.js';
import type { FqdnsPort, WebrootsPort } from './webroots/webroot.port.js';
import type { ConvergencePort } from './convergence/convergence.port.js';
import type { PlansPort } from './plans/plan.port.js';
import type { WebrootEnvPort } from './webroot-env/webroot-env.port.js';

/** Everything the schema's resolvers need; `server` implements it per request. */
export interface Ports {
  tenants: TenantsPort;
  brands: BrandsPort;
  infrastructure: InfrastructurePort;
  apiKeys: ApiKeysPort;
  audit: AuditPort;
  platform: PlatformPort;
  events: EventsPort;
  databases: DatabasesPort;
  valkey: ValkeyPort;
  egressRules: EgressRulesPort;
  sshKeys: SshKeysPort;
  certificates: CertificatesPort;
  cronJobs: CronJobsPort;
  daemons: DaemonsPort;
  dns: DnsPort;
  mail: MailPort;
  webroots: WebrootsPort;
  fqdns: FqdnsPort;
  convergence: ConvergencePort;
  plans: PlansPort;
  webrootEnv: WebrootEnvPort;
}

export type {
  ApiKeysPort,
  AuditPort,
  BrandsPort,
  EventsPort,
  InfrastructurePort,
  PlatformPort,
  TenantsPort,
  DatabasesPort,
  ValkeyPort,
  EgressRulesPort,
  SshKeysPort,
  CertificatesPort,
  CronJobsPort,
  DaemonsPort,
  WebrootsPort,
  DnsPort,
  MailPort,
  FqdnsPort,
  ConvergencePort,
  PlansPort,
  WebrootEnvPort,
};
