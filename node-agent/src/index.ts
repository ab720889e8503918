// Public surface of the node agent, for tests that run a real agent. What crosses Temporal
// (activity interfaces, specs, task queues, codec) is @hostplane/contract's, never taken from here.
export { createNodeActivities, type NodeActivityDeps } from './activities.js';
export { parseConfig, loadConfig, type NodeAgentConfig } from './config.js';
export { TenantUserError } from './linux-users/errors.js';
export { CommandError } from './linux-users/run-command.js';
export {
  TenantUserManager,
  TENANT_NAME_PATTERN,
  type TenantUserManagerOptions,
} from './linux-users/tenant-user.manager.js';
export { createNodeWorker, type NodeWorkerOptions } from './worker.js';
export { createLbActivities, createWebActivities, LoadBalancerManager, WebNodeManager } from './webroots/index.js';
export { startWebHosting, type WebHostingActivities } from './webroots/start.js';
export { selfSignedCertificate } from './certificates/self-signed.js';
export { startMail } from './mail/start.js';
