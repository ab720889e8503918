// Web hosting as workflows and the control plane see it: specs, failure types and the pure
// validators, plain data only (no Node built-ins), safe inside the deterministic workflow bundle
// and in the API (`@hostplane/node-agent/webroots/contract`).
export * from './spec.js';
export * from './validate.js';
export {
  BACKEND_NAME_PATTERN,
  DEFAULT_BACKEND,
  mappingProblem,
  validateLbSpec,
  validateMappings,
} from '../haproxy/validate.js';
