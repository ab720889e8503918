import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;
/** A client inside `$transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export interface DbOptions {
  max?: number;
  /** Called with every SQL statement sent (benchmarks and statement-count tests). */
  onQuery?: (sql: string) => void;
}

/** One Prisma client per process, on the pg driver adapter (no native query engine). */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  if (!options.onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
  const onQuery = options.onQuery;
  client.$on('query', (event) => onQuery(event.query));
  return client as unknown as PrismaClient;
}
