export * from './ids.js';
export * from './errors.js';
export * from './user-error.js';
export * from './status.js';
export * from './connection.js';
export * from './viewer.js';
export * from './node.js';
export type { Context } from './context.js';
