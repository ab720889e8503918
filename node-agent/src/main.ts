// Node agent entry point: one process per node, polling `node-<NODE_ID>` for activities.
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { createNodeActivities } from './activities.js';
import { CapabilityReporter } from './capabilities/reporter.js';
import { probeNodeCapabilities } from './capabilities/start.js';
import { loadConfig } from './config.js';
import { startDataStores, stateDirOf } from './data-stores/start.js';
import { startEgressFloor } from './egress/start.js';
import { startSsh } from './ssh/start.js';
import { startDns } from './dns/start.js';
import { startMail } from './mail/start.js';
import { createCronActivities } from './cron-jobs/activities.js';
import { TenantUserManager } from './linux-users/tenant-user.manager.js';
import { installTemporalRuntime } from '@hostplane/contract/temporal-runtime';
import { webPathsOf } from './webroots/config.js';
import { startWebHosting } from './webroots/start.js';
import { nodeTaskQueue } from '@hostplane/contract/task-queues';
import { createNodeWorker } from './worker.js';
import { startTogether } from './start-together.js';
import { outlastShutdownSignals } from './shutdown-signals.js';
import { loadTemporalAccess, temporalConnectionOptions } from '@hostplane/contract/temporal-connection';
import { migrationDirOf } from './migration/files.js';

const config = loadConfig();
// Before anything starts: no payload key (or half a TLS pair) is a start-up error, never plaintext.
const temporal = loadTemporalAccess(process.env, 'node-agent');
const logger = pino({
  level: config.LOG_LEVEL,
  base: { service: 'node-agent', nodeId: config.NODE_ID },
});
installTemporalRuntime(logger);

const tenantUsers = new TenantUserManager({
  homeRoot: config.HOSTPLANE_HOME_ROOT,
  shell: config.HOSTPLANE_USER_SHELL,
  nologinShell: config.HOSTPLANE_NOLOGIN_SHELL,
});
// Probed before any daemon starts: start-up skips what the node lacks instead of crashing on it.
const webPaths = webPathsOf(config);
const capabilities = await probeNodeCapabilities(config, webPaths, logger);
// Before web hosting resumes the tenants' pools and daemons: none runs unfenced, even at start-up.
const egress = await startEgressFloor(config, webPaths, logger);
// Independent of each other, so side by side: one after another took 15 s (mail and DNS most).
const [dataStores, webHosting, ssh, dns, mail] = await startTogether([
  startDataStores(config, logger, capabilities),
  startWebHosting(webPaths, logger, capabilities),
  startSsh(config, logger),
  startDns(config, logger),
  startMail(config, logger),
]);
const connection = await NativeConnection.connect(temporalConnectionOptions(config.TEMPORAL_ADDRESS, temporal));
const { dataConverter } = temporal;
const reporter = new CapabilityReporter({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  dataConverter,
  capabilities,
  intervalMs: config.HOSTPLANE_CAPABILITY_REPORT_SECONDS * 1000,
  logger,
});
try {
  const worker = await createNodeWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    nodeId: config.NODE_ID,
    dataConverter,
    fileRoot: migrationDirOf(stateDirOf(config)),
    activities: egress.withRefresh({
      ...createNodeActivities({ tenantUsers, logger }),
      ...dataStores.activities,
      ...webHosting.activities,
      ...egress.activities,
      ...ssh.activities,
      ...dns.activities,
      ...mail.activities,
      ...createCronActivities({ homeRoot: config.HOSTPLANE_HOME_ROOT, path: config.HOSTPLANE_APP_PATH }, logger),
    }),
  });
  logger.info({ taskQueue: nodeTaskQueue(config.NODE_ID) }, 'node agent started');
  reporter.start();
  outlastShutdownSignals(logger);
  await worker.run(); // resolves after SIGTERM/SIGINT once in-flight activities finish
  logger.info('node agent stopped');
} finally {
  reporter.stop();
  // Side by side: `npm start` allows 10 s after SIGTERM before SIGKILL, and each stop waits for exits.
  const closed = await Promise.allSettled([
    connection.close(),
    dataStores.close(),
    webHosting.close(),
    egress.close(),
    ssh.close(),
    dns.close(),
    mail.close(),
  ]);
  for (const result of closed) {
    if (result.status === 'rejected') logger.error({ err: result.reason }, 'could not close cleanly');
  }
}
