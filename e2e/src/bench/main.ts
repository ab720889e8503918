/**
 * `npm run bench`: starts a platform of its own (as `npm test` does), prints the figures the
 * issues ask for, and tears it down. Benchmarks assert nothing — tests do; these only measure.
 */
import 'reflect-metadata';
import { startEphemeralPlatform } from '../harness/global-setup.js';
import { benchPageQueries } from './page-queries.js';
import { benchProvisioning } from './provisioning.js';
import { benchSubscriptions } from './subscriptions.js';

const { platform, apiPid, teardown } = await startEphemeralPlatform();
try {
  process.stdout.write(`# Hostplane benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
  await benchPageQueries(platform);
  await benchSubscriptions({ ...platform, apiPid });
  await benchProvisioning(platform);
} finally {
  await teardown();
}
