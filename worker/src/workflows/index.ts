// Entry point of the workflow bundle: every workflow the control worker hosts.
export {
  createTenantWorkflow,
  deleteTenantWorkflow,
  suspendTenantWorkflow,
  unsuspendTenantWorkflow,
} from './tenant-lifecycle.js';
export { pruneHistoryWorkflow } from './maintenance.js';
