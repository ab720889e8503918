export { createApiServer, type ApiServer } from './http/app.js';
export { buildServedSchema } from './schema.js';
export { createDb, type Db } from './db/index.js';
export { EventHub } from './events/hub.js';
export { WorkflowStarter } from './temporal/starter.js';
export { createLogger } from './logger.js';
