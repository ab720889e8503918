// Public surface of the control-plane worker (for e2e tests and scripts).
export {
  createTenantActivities,
  type TenantActivities,
  type TenantActivityDeps,
  type TenantPlan,
} from './activities/tenant.activities.js';
export {
  createResourceActivities,
  type ResourceActivities,
  type ResourceRef,
  type ResourceStatusChange,
  type ResourceStep,
} from './activities/resource.activities.js';
export { writeWorkflowBundle } from './bundle.js';
export { loadConfig, parseConfig, type WorkerConfig } from './config.js';
export { createControlWorker, defaultWorkflowsPath, type ControlWorkerOptions } from './worker.js';
