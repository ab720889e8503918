/** Helpers for tests and benchmarks that use the real database in-process (not for production code). */
export { InProcessApi } from './in-process.js';
export { seedBrandAndShard, seedTenantRows } from './seed.js';
