import { fileURLToPath } from 'node:url';
import type { Db } from '@hostplane/server/db';
import type { SecretsVault } from '@hostplane/server/secrets';
import type { CAPABILITY_REPORT_TASK_QUEUE } from '@hostplane/contract/capabilities';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';
import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Logger } from 'pino';
import { createDataStoreActivities } from './activities/data-store.activities.js';
import { createEgressRuleActivities } from './activities/egress-rule.activities.js';
import { createSshKeyActivities } from './activities/ssh-key.activities.js';
import { createDaemonActivities } from './activities/daemon.activities.js';
import { createDnsActivities } from './dns/dns.activities.js';
import { createDnsPointingActivities, type DnsPointingConfig } from './certificates/dns-pointing.activities.js';
import { createMailActivities } from './mail/mail.activities.js';
import { createMailTlsActivities } from './mail/mail-tls.activities.js';
import { createCronBatchActivities } from './cron-jobs/cron-batch.activities.js';
import { createCronRunActivities } from './cron-jobs/cron-run.activities.js';
import { createCronScheduleActivities } from './cron-jobs/cron-schedule.activities.js';
import { createCronTickActivities } from './cron-jobs/cron-tick.activities.js';
import { NodeLiveness } from './cron-jobs/node-liveness.js';
import {
  createHostnameControlActivities,
  type HostnameControlConfig,
} from './activities/hostname-control.activities.js';
import { createMaintenanceActivities } from './activities/maintenance.activities.js';
import { createNodeCapabilityActivities } from './activities/node-capabilities.activities.js';
import { createResourceActivities } from './activities/resource.activities.js';
import { createTenantActivities } from './activities/tenant.activities.js';
import { createWebHostingActivities } from './activities/web-hosting.activities.js';
import { createCertificateActivities } from './certificates/certificate.activities.js';
import type { AcmeConfig } from './certificates/acme.js';

/** The compiled workflow entry (dist/workflows/index.js next to this file once built). */
export const defaultWorkflowsPath = fileURLToPath(new URL('./workflows/index.js', import.meta.url));

export interface ControlWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  db: Db;
  logger: Logger;
  /** A bundle written by bundle.ts: skips webpack at start (tests share one bundle). */
  workflowBundlePath?: string;
  /** Workflow sources to bundle at start; defaults to the compiled workflows. */
  workflowsPath?: string;
  /** Port of the web nodes' nginx as the load balancers reach it (default 80). */
  webBackendPort?: number;
  /** Encrypts payloads (@hostplane/contract/codec); the same key as the API's and agents'. */
  dataConverter?: DataConverter;
  /** Where and how long binds look for their host names' TXT challenges (default: the machine's resolvers, 60 s, 7 days). */
  hostnameControl?: HostnameControlConfig;
  /** Where and how long a first automatic certificate looks for its name pointing here (default: as `hostnameControl`). */
  dnsPointing?: DnsPointingConfig;
  /** Opens webroots' secrets for their specs (HOSTPLANE_SECRETS_KEY, the API's key). */
  vault?: SecretsVault | undefined;
  /** Seconds a deleted mailbox's stored mail is kept (default 7 days). */
  mailDataGraceSeconds?: number;
  /** Where automatic certificates are ordered (ACME_DIRECTORY_URL); none: automatic TLS fails with a reason. */
  acme?: AcmeConfig | undefined;
}

const DEFAULT_HOSTNAME_CONTROL: HostnameControlConfig = {
  resolvers: [],
  pollSeconds: 60,
  giveUpSeconds: 7 * 24 * 3600,
};

/** The control-plane worker: hosts the workflows and the activities that need the database. */
export function createControlWorker(options: ControlWorkerOptions): Promise<Worker> {
  // One look at the agents' pollers shared by runCronJobNow's runs and the ticks' batches.
  const liveness = new NodeLiveness(options.namespace);
  const workflows = options.workflowBundlePath
    ? { workflowBundle: { codePath: options.workflowBundlePath } }
    : { workflowsPath: options.workflowsPath ?? defaultWorkflowsPath };
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    // Node agents start their capability reports on this queue by its name (they must not depend
    // on the server): this stops compiling when the two differ.
    taskQueue: CONTROL_TASK_QUEUE satisfies typeof CAPABILITY_REPORT_TASK_QUEUE,
    ...workflows,
    ...(options.dataConverter ? { dataConverter: options.dataConverter } : {}),
    activities: {
      ...createResourceActivities({ db: options.db, logger: options.logger }),
      ...createTenantActivities({ db: options.db, logger: options.logger }),
      ...createMaintenanceActivities({ db: options.db, logger: options.logger }),
      ...createDataStoreActivities({ db: options.db, logger: options.logger }),
      ...createNodeCapabilityActivities({ db: options.db, logger: options.logger }),
      ...createEgressRuleActivities({ db: options.db }),
      ...createSshKeyActivities({ db: options.db }),
      ...createDaemonActivities({ db: options.db }),
      ...createDnsActivities({ db: options.db, vault: options.vault }),
      ...createMailActivities({
        db: options.db,
        vault: options.vault,
        dataGraceSeconds: options.mailDataGraceSeconds ?? 7 * 24 * 3600,
      }),
      ...createCronRunActivities({ db: options.db, vault: options.vault, liveness }),
      ...createCronBatchActivities({ db: options.db, vault: options.vault, liveness }),
      ...createCronScheduleActivities({ db: options.db }),
      ...createCronTickActivities({ db: options.db }),
      ...createHostnameControlActivities({
        db: options.db,
        config: options.hostnameControl ?? DEFAULT_HOSTNAME_CONTROL,
      }),
      ...createCertificateActivities({ db: options.db, vault: options.vault, acme: options.acme }),
      ...createMailTlsActivities({ db: options.db, vault: options.vault, acme: options.acme }),
      ...createDnsPointingActivities({
        db: options.db,
        config: options.dnsPointing ?? options.hostnameControl ?? DEFAULT_HOSTNAME_CONTROL,
      }),
      ...createWebHostingActivities({
        db: options.db,
        logger: options.logger,
        webBackendPort: options.webBackendPort ?? 80,
        vault: options.vault,
      }),
    },
  });
}
