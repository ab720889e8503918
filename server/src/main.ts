import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadApiConfig } from './config.js';
import { createDb } from './db/index.js';
import { EventHub } from './events/hub.js';
import { createApiServer } from './http/app.js';
import { createLogger } from './logger.js';
import { buildServedSchema } from './schema.js';
import { WorkflowStarter } from './temporal/starter.js';
import { rewrapDataKeys, SecretsVault } from './secrets/index.js';
import { loadTemporalAccess } from '@hostplane/contract/temporal-connection';

const config = loadApiConfig();
const temporal = loadTemporalAccess(process.env, 'api');
const logger = createLogger(config.LOG_LEVEL, 'api');
const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_SIZE });
const events = new EventHub(config.DATABASE_URL, db, logger);
const workflows = new WorkflowStarter(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, temporal);

const vault = config.HOSTPLANE_SECRETS_KEY
  ? SecretsVault.fromEnv(config.HOSTPLANE_SECRETS_KEY, config.HOSTPLANE_SECRETS_DECRYPT_KEYS)
  : undefined;
// Master key rotation: data keys wrapped by an older key are re-wrapped now (values untouched).
if (vault) {
  const rewrapped = await rewrapDataKeys(db, vault);
  if (rewrapped > 0) logger.info({ rewrapped, masterKeyId: vault.masterKeyId }, 'tenant data keys re-wrapped');
}
await events.start();
const schema = await buildServedSchema(db, logger);
const valkeyLimits = {
  portRange: { min: config.VALKEY_PORT_MIN, max: config.VALKEY_PORT_MAX },
  memoryAllowanceMb: config.VALKEY_NODE_MEMORY_MB,
};
const rateLimits = { capacity: config.RATE_LIMIT_CAPACITY, restoreRate: config.RATE_LIMIT_RESTORE_RATE };
const api = await createApiServer(schema, {
  db,
  workflows,
  logger,
  events,
  valkeyLimits,
  rateLimits,
  trustedProxies: config.API_TRUSTED_PROXIES,
  ...(vault ? { vault } : {}),
});
api.httpServer.listen(config.API_PORT, config.API_HOST, () => {
  const { port } = api.httpServer.address() as AddressInfo;
  logger.info({ url: `http://${config.API_HOST}:${port}/graphql` }, 'api listening');
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'api stopping');
  // A stop that cannot finish must not keep the process (and its port) around.
  setTimeout(() => process.exit(1), 15_000).unref();
  await api.stop();
  await events.stop();
  await workflows.close();
  await db.$disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
