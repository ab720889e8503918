/**
 * `npm run bench`: starts a platform of its own (as `npm test` does), prints the figures the
 * issues ask for, and tears it down. Benchmarks assert nothing — tests do; these only measure.
 */
import 'reflect-metadata';
import { startEphemeralPlatform } from '../harness/global-setup.js';
import { benchDatabases } from './databases.js';
import { benchPageQueries } from './page-queries.js';
import { benchProvisioning } from './provisioning.js';
import { benchSubscriptions } from './subscriptions.js';
import { benchWebHosting } from './web-hosting.js';
import { benchWeb } from './web.js';

// The benchmarks measure the API, not its rate limiter: most of them outspend one key's bucket on
// purpose (hundreds of 100-row pages a second), so the API they start gets limits out of reach.
process.env.RATE_LIMIT_CAPACITY ??= String(1e12);
process.env.RATE_LIMIT_RESTORE_RATE ??= String(1e12);
const { platform, apiPid, agentPid, teardown } = await startEphemeralPlatform();
try {
  process.stdout.write(`# Hostplane benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
  await benchPageQueries(platform);
  await benchSubscriptions({ ...platform, apiPid });
  await benchProvisioning(platform);
  await benchDatabases(platform);
  await benchWeb(platform);
  await benchWebHosting({ ...platform, agentPid }); // last: it leaves 1,000 webroots on the node
} finally {
  await teardown();
}
