// Control-plane worker entry point: workflows + database activities on CONTROL_TASK_QUEUE.
import { installTemporalRuntime } from '@hostplane/contract/temporal-runtime';
import { createDb } from '@hostplane/server/db';
import { SecretsVault } from '@hostplane/server/secrets';
import { CONTROL_TASK_QUEUE } from '@hostplane/server/temporal';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { loadConfig } from './config.js';
import { ensureMaintenanceSchedules } from './schedules.js';
import { ensureRenewalSchedule } from './certificates/renewal-schedule.js';
import { attachLegacyCronJobs } from './cron-jobs/cron-schedule.activities.js';
import { createControlWorker } from './worker.js';
import { loadTemporalAccess, temporalConnectionOptions } from '@hostplane/contract/temporal-connection';

const config = loadConfig();
const temporal = loadTemporalAccess(process.env, 'worker');
const logger = pino({ level: config.LOG_LEVEL, base: { service: 'worker' } });
installTemporalRuntime(logger);

const db = createDb(config.DATABASE_URL);
const { dataConverter } = temporal;
const connection = await NativeConnection.connect(temporalConnectionOptions(config.TEMPORAL_ADDRESS, temporal));
try {
  const worker = await createControlWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    db,
    logger,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    webBackendPort: config.WEB_BACKEND_PORT,
    hostnameControl: {
      resolvers: config.HOSTPLANE_DNS_RESOLVERS,
      pollSeconds: config.HOSTNAME_VERIFY_POLL_SECONDS,
      giveUpSeconds: config.HOSTNAME_VERIFY_GIVE_UP_SECONDS,
    },
    dnsPointing: {
      resolvers: config.TLS_DNS_RESOLVERS ?? config.HOSTPLANE_DNS_RESOLVERS,
      pollSeconds: config.HOSTNAME_VERIFY_POLL_SECONDS,
      giveUpSeconds: config.HOSTNAME_VERIFY_GIVE_UP_SECONDS,
    },
    dataConverter,
    vault: config.HOSTPLANE_SECRETS_KEY
      ? SecretsVault.fromEnv(config.HOSTPLANE_SECRETS_KEY, config.HOSTPLANE_SECRETS_DECRYPT_KEYS)
      : undefined,
    mailDataGraceSeconds: config.HOSTPLANE_MAIL_DATA_GRACE_SECONDS,
    acme: config.ACME_DIRECTORY_URL ? { directoryUrl: config.ACME_DIRECTORY_URL, email: config.ACME_EMAIL } : undefined,
  });
  const client = await Connection.connect(temporalConnectionOptions(config.TEMPORAL_ADDRESS, temporal));
  await ensureMaintenanceSchedules(
    client,
    config.TEMPORAL_NAMESPACE,
    { eventDays: config.EVENT_RETENTION_DAYS, auditDays: config.AUDIT_RETENTION_DAYS },
    dataConverter,
  )
    .then(() =>
      ensureRenewalSchedule(
        client,
        config.TEMPORAL_NAMESPACE,
        config.CERTIFICATE_RENEWAL_INTERVAL_MINUTES,
        dataConverter,
      ),
    )
    // An upgrade from one schedule per cron job: those schedules go before they tick twice.
    .then(() =>
      attachLegacyCronJobs(
        db,
        new Client({
          connection: client,
          namespace: config.TEMPORAL_NAMESPACE,
          ...(dataConverter ? { dataConverter } : {}),
        }),
      ),
    )
    .finally(() => client.close());
  logger.info({ taskQueue: CONTROL_TASK_QUEUE }, 'worker started');
  await worker.run(); // resolves after SIGTERM/SIGINT once in-flight tasks finish
  logger.info('worker stopped');
} finally {
  await connection.close();
  await db.$disconnect();
}
