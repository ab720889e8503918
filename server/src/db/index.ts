export { createDb, type Db, type DbTx, type DbOptions } from './client.js';
export * from '../generated/prisma/enums.js';
export type * from '../generated/prisma/models.js';
export type { Tenant, Shard, Brand, Node, Event } from '../generated/prisma/client.js';
export { Prisma } from '../generated/prisma/client.js';
