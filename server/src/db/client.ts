import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A client inside `$transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** One Prisma client per process, on the pg driver adapter (no native query engine). */
export function createDb(databaseUrl: string, options: { max?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}
