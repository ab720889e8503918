// Node agent entry point: one process per node, polling `node-<NODE_ID>` for activities.
import { NativeConnection } from '@temporalio/worker';
import { pino } from 'pino';
import { createNodeActivities } from './activities.js';
import { loadConfig } from './config.js';
import { startDataStores } from './data-stores/start.js';
import { TenantUserManager } from './linux-users/tenant-user.manager.js';
import { installTemporalRuntime } from './temporal-runtime.js';
import { startWebHosting } from './webroots/start.js';
import { createNodeWorker, nodeAgentTaskQueue } from './worker.js';
import { payloadDataConverter } from './payload-codec.js';

const config = loadConfig();
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
const dataStores = await startDataStores(config, logger);
const webHosting = await startWebHosting(config, logger);
const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
try {
  const worker = await createNodeWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    nodeId: config.NODE_ID,
    dataConverter: payloadDataConverter(),
    activities: {
      ...createNodeActivities({ tenantUsers, logger }),
      ...dataStores.activities,
      ...webHosting.activities,
    },
  });
  logger.info({ taskQueue: nodeAgentTaskQueue(config.NODE_ID) }, 'node agent started');
  await worker.run(); // resolves after SIGTERM/SIGINT once in-flight activities finish
  logger.info('node agent stopped');
} finally {
  await connection.close();
  await dataStores.close();
  await webHosting.close();
}
