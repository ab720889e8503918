// Public surface of the Valkey domain, for the node agent's index and worker.
export { AGENT_ACL_USER, renderAclFile, validateUsers } from './acl.js';
export { createValkeyActivities, type ValkeyActivities, type ValkeyActivityDeps } from './activities.js';
export * from './contract.js';
export { VALKEY_ERROR_TYPES, ValkeyError, type ValkeyErrorType } from './errors.js';
export { checkInstanceSpec, type NodeLimits } from './instance-spec.js';
export { VALKEY_PASSWORD_HASH_PATTERN, valkeyPasswordHash } from './password-hash.js';
export {
  renderProgram,
  SupervisorClient,
  type ProgramSpec,
  type SupervisorClientOptions,
} from './supervisor-client.js';
export type { ProgramState, ProgramStatus } from '../supervisor/supervisorctl.js';
export { renderSupervisordConfig, startPrivateSupervisord } from './supervisord-harness.js';
export { ValkeyManager, type ValkeyManagerOptions } from './valkey.manager.js';
