/**
 * `npm run bench` runs this against a platform scripts/bench.mjs started for it. Figures only:
 * benchmarks assert nothing (tests do), they print what the issues ask to be measured.
 */
import 'reflect-metadata';
import { z } from 'zod';
import { benchPageQueries } from './page-queries.js';
import { benchProvisioning } from './provisioning.js';
import { benchSubscriptions } from './subscriptions.js';

const env = z
  .object({
    BENCH_API_URL: z.string().url(),
    BENCH_WS_URL: z.string(),
    BENCH_ADMIN_KEY: z.string(),
    BENCH_DATABASE_URL: z.string(),
    BENCH_API_PID: z.coerce.number().int(),
    BENCH_SHARD_ID: z.string().uuid(),
  })
  .parse(process.env);

const shared = { apiUrl: env.BENCH_API_URL, wsUrl: env.BENCH_WS_URL, adminKey: env.BENCH_ADMIN_KEY, databaseUrl: env.BENCH_DATABASE_URL };
process.stdout.write(`# Hostplane benchmarks (${new Date().toISOString()}, ${process.version})\n`);
await benchPageQueries(shared);
await benchSubscriptions({ ...shared, apiPid: env.BENCH_API_PID });
await benchProvisioning({ ...shared, shardId: env.BENCH_SHARD_ID });
