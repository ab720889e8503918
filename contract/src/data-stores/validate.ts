// What the control plane (API and worker activities) uses to check and hash input exactly as the
// node agent will (`@hostplane/contract/data-stores/validate`). Pure apart from node:crypto, so
// not for workflows.
export { toMysqlHost } from '../mysql/host-patterns.js';
export { MYSQL_NATIVE_HASH_PATTERN, mysqlNativePasswordHash } from '../mysql/password-hash.js';
export { VALKEY_PASSWORD_HASH_PATTERN, valkeyPasswordHash } from '../valkey/password-hash.js';
export { validateUsers as validateValkeyUsers } from '../valkey/acl.js';
