// Entry point of the workflow bundle: every workflow the control worker hosts.
export {
  createTenantWorkflow,
  deleteTenantWorkflow,
  suspendTenantWorkflow,
  unsuspendTenantWorkflow,
} from './tenant-lifecycle.js';
export { pruneHistoryWorkflow } from './maintenance.js';
export {
  createDatabaseWorkflow,
  deleteDatabaseAccessRuleWorkflow,
  deleteDatabaseUserWorkflow,
  deleteDatabaseWorkflow,
  syncDatabaseAccessRuleWorkflow,
  syncDatabaseUserWorkflow,
} from './database-lifecycle.js';
export {
  deleteValkeyInstanceWorkflow,
  deleteValkeyUserWorkflow,
  syncValkeyInstanceWorkflow,
  syncValkeyUserWorkflow,
} from './valkey-lifecycle.js';
export { migrateDatabaseWorkflow, migrateValkeyInstanceWorkflow, transferMigrationFileWorkflow } from './migration.js';
export { deleteWebrootWorkflow, syncWebrootWorkflow } from './webroot-lifecycle.js';
export { bindFqdnWorkflow, unbindFqdnWorkflow } from './fqdn-lifecycle.js';
export { convergeShardWorkflow } from './converge-shard.js';
export { reportNodeCapabilitiesWorkflow } from './node-capabilities.js';
