// Web hosting as workflows, the control plane and the node agent share it
// (`@hostplane/contract/webroots`): specs, failure types, the pure validators and the activity
// interfaces. Plain data only (no Node built-ins), safe inside the deterministic workflow bundle
// and in the API.
export * from './spec.js';
export * from './validate.js';
export * from './validate-runtime.js';
export * from './validation-issue.js';
export * from './php-limits.js';
export * from './environment.js';
export * from '../haproxy/validate.js';
export type * from './activities.js';
