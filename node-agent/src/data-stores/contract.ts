// Databases and Valkey as workflows and the control plane see them: plain data only (no Node
// built-ins), safe inside the deterministic workflow bundle. `@hostplane/node-agent/data-stores/contract`.
export * from '../mysql/contract.js';
export * from '../valkey/contract.js';
export * from '../migration/contract.js';
export { DATABASE_ERROR_TYPES } from '../mysql/errors.js';
export { VALKEY_ERROR_TYPES } from '../valkey/errors.js';

/**
 * Ports Valkey instances get on a node unless configured otherwise. The control plane allocates
 * from the same range (its VALKEY_PORT_MIN/MAX default to these), the agent refuses others.
 */
export const DEFAULT_VALKEY_PORT_RANGE = { min: 16400, max: 17399 } as const;

/** A valkey-role node's memory allowance for all its instances together, by default. */
export const DEFAULT_VALKEY_MEMORY_ALLOWANCE_MB = 2048;
