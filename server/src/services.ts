import type { Db } from './db/index.js';
import type { Logger } from './logger.js';
import type { WorkflowStarter } from './temporal/starter.js';
import type { EventHub } from './events/hub.js';

/** Process-wide dependencies every domain service gets. */
export interface ServiceDeps {
  db: Db;
  workflows: WorkflowStarter;
  logger: Logger;
  events: EventHub;
}
