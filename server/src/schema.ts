import { buildHostplaneSchema } from '@hostplane/schema';
import { auditMiddleware } from './audit/audit.middleware.js';
import type { Db } from './db/index.js';
import type { Logger } from './logger.js';

/** The served schema: the contract plus the server's audit middleware. */
export function buildServedSchema(db: Db, logger: Logger) {
  return buildHostplaneSchema({ globalMiddlewares: [auditMiddleware(db, logger)] });
}
