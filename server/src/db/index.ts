export { createDb, type Db, type DbTx } from './client.js';
export * from '../generated/prisma/enums.js';
export type * from '../generated/prisma/models.js';
export { Prisma } from '../generated/prisma/client.js';
