// Databases and Valkey as workflows, the control plane and the node agent share them
// (`@hostplane/contract/data-stores`): specs, failure types, the activity interfaces. Plain data
// only (no Node built-ins), safe inside the deterministic workflow bundle.
export * from '../mysql/contract.js';
export * from '../valkey/contract.js';
export * from '../valkey/acl-policy.js';
export * from '../migration/contract.js';
export * from '../mysql/errors.js';
export * from '../valkey/errors.js';
export type * from './activities.js';

/**
 * Ports Valkey instances get on a node unless configured otherwise. The control plane allocates
 * from the same range (its VALKEY_PORT_MIN/MAX default to these), the agent refuses others.
 */
export const DEFAULT_VALKEY_PORT_RANGE = { min: 16400, max: 17399 } as const;

/** A valkey-role node's memory allowance for all its instances together, by default. */
export const DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB = 2048;
