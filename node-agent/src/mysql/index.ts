// Public surface of the MySQL domain, for the node agent's index and worker.
export { createDatabaseActivities, type DatabaseActivities, type DatabaseActivityDeps } from './activities.js';
export * from './contract.js';
export { DATABASE_ERROR_TYPES, DatabaseError, type DatabaseErrorType } from './errors.js';
export { toMysqlHost } from './host-patterns.js';
export { MysqlManager, type MysqlManagerOptions } from './mysql.manager.js';
export { NonRetryableError } from '../non-retryable-error.js';
export { MYSQL_NATIVE_HASH_PATTERN, mysqlNativePasswordHash } from './password-hash.js';
export { MysqlQueryError, type MysqlConnectionOptions } from './sql.js';
