// Public surface of the node agent, for the control-plane worker and tests.
export { createNodeActivities, type NodeActivities, type NodeActivityDeps } from './activities.js';
export { parseConfig, loadConfig, type NodeAgentConfig } from './config.js';
export * from './contract.js';
export { TenantUserError } from './linux-users/errors.js';
export { CommandError } from './linux-users/run-command.js';
export {
  TenantUserManager,
  TENANT_NAME_PATTERN,
  type TenantUserManagerOptions,
} from './linux-users/tenant-user.manager.js';
export { installTemporalRuntime, temporalLogger } from './temporal-runtime.js';
export { createNodeWorker, nodeAgentTaskQueue, type NodeWorkerOptions } from './worker.js';
export { loadEnv, LOG_LEVELS, parseEnv, required } from './env.js';
export {
  createLbActivities,
  createWebActivities,
  LoadBalancerManager,
  WebNodeManager,
  type LbActivities,
  type WebActivities,
} from './webroots/index.js';
export { startWebHosting, type WebHostingActivities } from './webroots/start.js';
