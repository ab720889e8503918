// Public surface of the control-plane worker (for e2e tests and scripts).
export {
  createTenantActivities,
  type TenantActivities,
  type TenantActivityDeps,
  type TenantPlan,
  type TenantStatusChange,
  type TenantStep,
} from './activities/tenant.activities.js';
export { writeWorkflowBundle } from './bundle.js';
export { loadConfig, parseConfig, type WorkerConfig } from './config.js';
export { createControlWorker, defaultWorkflowsPath, type ControlWorkerOptions } from './worker.js';
