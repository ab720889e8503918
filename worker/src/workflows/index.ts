// Entry point of the workflow bundle: every workflow the control worker hosts. The API starts them
// by the names in its Temporal contract (WorkflowInputs); the type at the end checks at compile
// time that each name is a function here taking that input.
import type { HostedWorkflows } from '@hostplane/server/temporal';
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
export {
  deleteCertificateWorkflow,
  renewCertificatesWorkflow,
  syncCertificateWorkflow,
} from './certificate-lifecycle.js';
export { convergeShardWorkflow } from './converge-shard.js';
export { reportNodeCapabilitiesWorkflow } from './node-capabilities.js';
export { deleteEgressRuleWorkflow, syncEgressRuleWorkflow } from './egress-rule-lifecycle.js';
export { deleteSshKeyWorkflow, syncSshKeyWorkflow, syncTenantSshAccessWorkflow } from './ssh-key-lifecycle.js';
export { deleteDaemonWorkflow, readDaemonLogWorkflow, syncDaemonWorkflow } from './daemon-lifecycle.js';
export {
  deleteDnsRecordWorkflow,
  deleteDnsZoneWorkflow,
  refreshManagedDnsRecordsWorkflow,
  syncDnsRecordWorkflow,
  syncDnsZoneWorkflow,
} from './dns-lifecycle.js';
export {
  deleteMailAliasWorkflow,
  deleteMailboxWorkflow,
  deleteMailDomainWorkflow,
  removeMailDataWorkflow,
  syncMailAliasWorkflow,
  syncMailboxWorkflow,
  syncMailDomainWorkflow,
} from './mail-lifecycle.js';
export { syncMailNodeWorkflow } from './mail-node-sync.js';
export { deleteCronJobWorkflow, runCronJobWorkflow, syncCronJobWorkflow } from './cron-job-lifecycle.js';
export { cronTickWorkflow } from './cron-tick.js';

/** Fails to compile when a workflow the API starts is missing here or takes another input. */
export type HostsEveryStartedWorkflow = typeof import('./index.js') extends HostedWorkflows ? true : never;
const hostsEveryStartedWorkflow: HostsEveryStartedWorkflow = true;
void hostsEveryStartedWorkflow;
