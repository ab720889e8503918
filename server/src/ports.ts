import type { Ports } from '@hostplane/schema';
import { ApiKeyService } from './api-keys/api-key.service.js';
import { AuditService } from './audit/audit.service.js';
import { BrandService } from './brands/brand.service.js';
import { DatabaseService } from './databases/database.service.js';
import { EgressRuleService } from './egress-rules/egress-rule.service.js';
import { SshKeyService } from './ssh-keys/ssh-key.service.js';
import { CertificateService } from './certificates/certificate.service.js';
import { DnsService } from './dns/dns.service.js';
import { MailService } from './mail/mail.service.js';
import { CronJobService } from './cron-jobs/cron-job.service.js';
import { DaemonService } from './daemons/daemon.service.js';
import { EventService } from './events/event.service.js';
import { InfrastructureService } from './infrastructure/infrastructure.service.js';
import { createLoaders } from './loaders.js';
import { PlatformService } from './platform/platform.service.js';
import type { ServiceDeps } from './services.js';
import { TenantService } from './tenants/tenant.service.js';
import { ValkeyService } from './valkey/valkey.service.js';
import { WebrootService } from './webroots/webroot.service.js';
import { FqdnService } from './webroots/fqdn.service.js';
import { ConvergenceService } from './convergence/convergence.service.js';
import { PlanService } from './plans/plan.service.js';
import { WebrootEnvService } from './secrets/webroot-env.service.js';

/** Ports for one request (or one WebSocket operation): DataLoaders never outlive it. */
export function createPorts(deps: ServiceDeps): Ports {
  const loaders = createLoaders(deps.db);
  const ports = {
    tenants: new TenantService(deps),
    brands: new BrandService(deps, loaders),
    infrastructure: new InfrastructureService(deps, loaders),
    apiKeys: new ApiKeyService(deps),
    audit: new AuditService(deps),
    events: new EventService(deps),
    databases: new DatabaseService(deps),
    valkey: new ValkeyService(deps),
    egressRules: new EgressRuleService(deps),
    sshKeys: new SshKeyService(deps),
    certificates: new CertificateService(deps),
    cronJobs: new CronJobService(deps),
    daemons: new DaemonService(deps),
    dns: new DnsService(deps),
    mail: new MailService(deps),
    webroots: new WebrootService(deps),
    fqdns: new FqdnService(deps),
    convergence: new ConvergenceService(deps),
    plans: new PlanService(deps),
    webrootEnv: new WebrootEnvService(deps),
  };
  return { ...ports, platform: new PlatformService(deps, ports) };
}
