// What the control plane (API and worker activities) uses to check and hash input exactly as
// the node agent will: `@hostplane/node-agent/data-stores`. Pure apart from node:crypto.
export * from './contract.js';
export { toMysqlHost } from '../mysql/host-patterns.js';
export { MYSQL_NATIVE_HASH_PATTERN, mysqlNativePasswordHash } from '../mysql/password-hash.js';
export { VALKEY_PASSWORD_HASH_PATTERN, valkeyPasswordHash } from '../valkey/password-hash.js';
export { validateUsers as validateValkeyUsers } from '../valkey/acl.js';
export { NonRetryableError } from '../non-retryable-error.js';
export type { DataStoreActivities } from './start.js';
