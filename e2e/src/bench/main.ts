/**
 * `npm run bench [name ...]`: starts a platform of its own (as `npm test` does), prints the
 * figures the issues ask for, and tears it down. Benchmarks assert nothing — tests do; these only
 * measure. Names pick benchmarks (pages, subscriptions, provisioning, databases, badge,
 * tenant-access, tls, web, cron, web-hosting, dns, mail, mail-node); none runs them all.
 */
import 'reflect-metadata';
import { startEphemeralPlatform, type EphemeralPlatform } from '../harness/global-setup.js';
import { benchBadge } from './badge.js';
import { benchCron } from './cron.js';
import { benchDatabases } from './databases.js';
import { benchDns } from './dns.js';
import { benchMail } from './mail.js';
import { benchMailNode } from './mail-node.js';
import { benchPageQueries } from './page-queries.js';
import { benchProvisioning } from './provisioning.js';
import { benchSubscriptions } from './subscriptions.js';
import { benchTenantAccess } from './tenant-access.js';
import { benchTls } from './tls.js';
import { benchWebHosting } from './web-hosting.js';
import { benchWeb } from './web.js';

type Started = Pick<EphemeralPlatform, 'platform' | 'apiPid' | 'agentPid' | 'group'>;
const BENCHMARKS: [string, (p: Started) => Promise<void>][] = [
  ['pages', (p) => benchPageQueries(p.platform)],
  ['subscriptions', (p) => benchSubscriptions({ ...p.platform, apiPid: p.apiPid })],
  ['provisioning', (p) => benchProvisioning(p.platform)],
  ['databases', (p) => benchDatabases(p.platform)],
  ['dns', (p) => benchDns(p.platform)],
  ['mail', (p) => benchMail(p.platform)],
  ['mail-node', () => benchMailNode()],
  ['badge', (p) => benchBadge(p.platform)],
  ['tenant-access', (p) => benchTenantAccess(p.platform)],
  ['tls', (p) => benchTls(p.platform)],
  ['web', (p) => benchWeb(p.platform)],
  [
    'cron',
    (p) =>
      benchCron(p.platform, {
        temporalPid: p.group.pidOf('temporal')!,
        workerPid: p.group.pidOf('worker')!,
        agentPid: p.agentPid,
      }),
  ],
  ['web-hosting', (p) => benchWebHosting({ ...p.platform, agentPid: p.agentPid })], // last: 1,000 webroots stay
];
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !BENCHMARKS.some(([known]) => known === name));
if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map(([n]) => n)}`);
// `web` includes the badge figures; run them once when all run.
const chosen = asked.length
  ? BENCHMARKS.filter(([name]) => asked.includes(name))
  : BENCHMARKS.filter(([n]) => n !== 'badge');

// The benchmarks measure the API, not its rate limiter: most of them outspend one key's bucket on
// purpose (hundreds of 100-row pages a second), so the API they start gets limits out of reach.
process.env.RATE_LIMIT_CAPACITY ??= String(1e12);
process.env.RATE_LIMIT_RESTORE_RATE ??= String(1e12);
const started = await startEphemeralPlatform();
try {
  process.stdout.write(`# Hostplane benchmarks (${new Date().toISOString()}, node ${process.version})\n`);
  for (const [, run] of chosen) await run(started);
} finally {
  await started.teardown();
}
